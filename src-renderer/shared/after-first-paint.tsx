import { startTransition, useEffect, useState, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Stands in until the children are ready; give it about their height so the screen does not jump. */
  placeholder: ReactNode;
}

/**
 * Mounts its children in a transition after the rest of the screen has been committed. A
 * transition renders in slices and gives way to the browser and to more urgent updates, so
 * what the screen is opened for (the list's rows) is drawn first and a heavy part (a long form)
 * follows a moment later instead of holding back the whole screen.
 */
export function AfterFirstPaint({ children, placeholder }: Props) {
  const [ready, setReady] = useState(false);
  useEffect(() => startTransition(() => setReady(true)), []);
  return ready ? children : placeholder;
}
