/**
 * The data folder holds personal data (ID numbers, phones) and this PC's sync credentials, so on POSIX it is
 * the user's alone: the folder 0700 (which also covers anything written into it with a looser mode), every file
 * we create in it 0600. Modes given to open/mkdir are masked by the umask, which can only take bits away, never
 * add them; an existing looser folder or file (an earlier version, a copy) is tightened with chmod.
 *
 * Windows has no such modes: there the per-user profile folder (%APPDATA%, where defaultDataDir puts the data)
 * is readable only by the user and administrators by default, and we do not touch ACLs. Every function here is
 * a no-op for the mode on win32.
 */
import fs from 'node:fs';

const POSIX = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

// File systems without POSIX modes (a FAT stick, some network shares) refuse chmod: the data stays usable.
const NO_MODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EROFS']);

/** False when the mode could not be tightened (the caller may warn); true when it is private or on Windows. */
function tighten(target: string, wanted: number): boolean {
  if (!POSIX) return true;
  const current = fs.statSync(target).mode & 0o777;
  if ((current & ~wanted) === 0) return true;
  try {
    fs.chmodSync(target, current & wanted);
    return true;
  } catch (error) {
    if (NO_MODES.has((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

/** Creates the folder (and missing parents) as 0700, and tightens it when it already exists looser. */
export function ensurePrivateDir(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return tighten(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes sure `file` exists as a 0600 file before anything else (SQLite, VACUUM INTO) writes to it: SQLite
 * opens an empty file as a new database and gives its WAL and shared-memory files the database file's mode.
 * `exclusive`: fail with EEXIST when the file exists (for a backup that must never overwrite).
 */
export function createPrivateFile(file: string, options: { exclusive?: boolean } = {}): void {
  if (options.exclusive || !fs.existsSync(file)) {
    fs.closeSync(fs.openSync(file, options.exclusive ? 'wx' : 'a', PRIVATE_FILE_MODE));
  }
  tighten(file, PRIVATE_FILE_MODE);
}

/** Tightens a file we wrote (a copy, an export) to 0600; a missing file is left alone. */
export function makeFilePrivate(file: string): boolean {
  return fs.existsSync(file) ? tighten(file, PRIVATE_FILE_MODE) : true;
}
