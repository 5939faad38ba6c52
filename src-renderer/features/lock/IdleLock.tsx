import { useEffect, useRef } from 'react';
import { invoke } from '../../api/client';
import { useLock } from './use-session';

/** At most one session.touch a minute: enough for the main side's idle clock, which counts in minutes. */
const TOUCH_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 5_000;
const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * The idle timer of the work screens: keys and clicks tell the main side the clerk is there (typing a long form
 * makes no calls), and after `idleMinutes` without any the screen locks itself. The main side locks on its own
 * clock too, so a renderer that stops counting (a sleeping laptop, a closed tab) is no way round it.
 */
export function IdleLock({ idleMinutes }: { idleMinutes: number }) {
  const lock = useLock();
  const lastInput = useRef(Date.now());
  const lastTouch = useRef(Date.now());
  const { mutate } = lock;

  useEffect(() => {
    const onActivity = () => {
      const now = Date.now();
      lastInput.current = now;
      if (now - lastTouch.current >= TOUCH_EVERY_MS) {
        lastTouch.current = now;
        void invoke('session.touch', {}).catch(() => undefined);
      }
    };
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current >= idleMinutes * 60_000) mutate();
    }, CHECK_EVERY_MS);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleMinutes, mutate]);

  return null;
}
