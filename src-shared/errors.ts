/** Error codes shared by the router, the web host, the server and the renderer. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  /** sync.enrol on a PC already enrolled, without the clerk's confirmation to replace it; details name the current server. */
  'ALREADY_ENROLLED',
  'OFFLINE',
  'SYNC_REJECTED',
  'PERIOD_CLOSED',
  'NOT_CONFIGURED',
  'UNKNOWN_PROCEDURE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  /** Nobody is logged in at this PC, or the session locked itself (idle, 锁定): only the lock screen's calls pass. */
  'LOCKED',
  /** The PIN entered at the lock screen was wrong; details.remaining says how many tries are left. */
  'WRONG_PIN',
  /** Too many wrong PINs: this operator cannot log in until details.lockedUntil. */
  'OPERATOR_LOCKED',
  /** The clerk stopped a long operation (an import's dry run); nothing was written. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field; `field` is the dotted path of the input property. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Thrown inside services; the router turns it into `{ok:false,error}`.
 * `message` is Chinese and written for the clerk; it must never contain raw database errors
 * (they can carry ID numbers).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(problems: FieldProblem[]): AppError {
    const message = problems.map((p) => p.message.replace(/[。；]+$/, '')).join('；') || '输入有误，请检查后重试';
    return new AppError('VALIDATION', message, { fields: problems });
  }

  static field(field: string, message: string): AppError {
    return AppError.validation([{ field, message }]);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
