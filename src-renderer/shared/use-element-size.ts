import { useLayoutEffect, useRef, useState } from 'react';

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The size of an element as laid out, kept up to date as the window or a neighbouring panel changes it: a
 * virtual list needs its body height as a number, and a list its width to choose the columns that fit.
 */
export function useElementSize<E extends HTMLElement>(): [React.RefObject<E | null>, ElementSize | null] {
  const ref = useRef<E>(null);
  const [size, setSize] = useState<ElementSize | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const next = { width: Math.floor(element.clientWidth), height: Math.floor(element.clientHeight) };
      setSize((previous) => (previous && previous.width === next.width && previous.height === next.height ? previous : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
