/** Thrown between rows (dry run) or chunks (commit) once the clerk has cancelled; nothing is kept or written. */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}
