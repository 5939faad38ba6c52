/** Recognises SQLite failures by code only: their messages may embed row values (ID numbers). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && message.includes('UNIQUE')) ||
    code === '23505' // PostgreSQL unique_violation, for code shared with the server
  );
}

export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && message.includes('FOREIGN KEY')) || code === '23503';
}
