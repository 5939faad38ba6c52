/**
 * Structured log lines on stderr. Callers pass codes and counts, never row values: personal data
 * (ID numbers, names, phones) must not reach a log.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

function write(level: 'info' | 'error', event: string, fields: LogFields = {}): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
}

export const stderrLogger: Logger = {
  info: (event, fields) => write('info', event, fields),
  error: (event, fields) => write('error', event, fields),
};

export const silentLogger: Logger = { info() {}, error() {} };

/** What may be logged of an unexpected error: its class and code, not its message. */
export function describeError(error: unknown): LogFields {
  if (typeof error !== 'object' || error === null) return { errorType: typeof error };
  const { name, code } = error as { name?: unknown; code?: unknown };
  return { errorName: typeof name === 'string' ? name : 'unknown', errorCode: typeof code === 'string' ? code : undefined };
}
