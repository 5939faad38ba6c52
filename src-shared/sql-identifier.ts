/**
 * A table or column name for SQL built from code (bulk inserts on the PC and the server): double-quoted, and only
 * plain names are accepted, so a name can never carry SQL of its own. Values never go through here.
 */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`Unsafe identifier: ${name}`);
  return `"${name}"`;
}
