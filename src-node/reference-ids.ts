/** The ids of seeded reference rows, the same on every PC and on the server (see stable-id.ts). */
import { stableUuid } from './stable-id';

export function platformIdFor(level: string, name: string): string {
  return stableUuid(`platform:${level}`, name);
}

export function occupationIdFor(name: string): string {
  return stableUuid('occupation', name);
}
