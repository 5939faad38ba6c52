/**
 * Several clerks may share one PC; each session starts by asking who is working, once. The answer
 * lives in sessionStorage so that a reload does not ask again but a new window (a new day) does.
 */
const KEY = 'skills-desk.operator-chosen';

export function hasChosenOperator(): boolean {
  return sessionStorage.getItem(KEY) === '1';
}

export function rememberOperatorChosen(update: (chosen: boolean) => void): void {
  sessionStorage.setItem(KEY, '1');
  update(true);
}
