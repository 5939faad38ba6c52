/**
 * Both windows forbid eval in their Content-Security-Policy. Zod 4 probes for eval (`new Function('')`) the first
 * time it parses an object, to compile faster parsers; under our CSP that probe fails and the browser reports a
 * `script-src eval` violation on every page, noise that would hide a real injection (the hostile-text test fails on
 * any violation). Jitless parsing is what runs under the CSP anyway, so say so before anything parses.
 * Imported first by each window's entry point.
 */
import { z } from 'zod';

z.config({ jitless: true });
