import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/server/**/*.test.ts', 'test/sync-faults/**/*.test.ts', 'test/security/**/*.test.ts'],
    // Store tests open real SQLite files; two workers match the two cores of our machines.
    maxWorkers: 2,
    testTimeout: 30_000,
    // A server started on PostgreSQL keeps its key in ./skills-desk-secrets unless told otherwise: never in the checkout.
    env: { SKILLS_DESK_SECRETS_DIR: path.join(os.tmpdir(), 'skills-desk-test-secrets') },
  },
});
