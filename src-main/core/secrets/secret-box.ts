/**
 * Secrets at rest (the device token): sealed by a "secret box" the host provides. Core never imports electron,
 * so the window's shell hands in a box over Electron safeStorage (src-main/shell/safe-storage-box.ts); browser
 * mode and the CLI use the key-file box (key-file-box.ts). Each sealed value names its box, so a store sealed
 * by one host is opened by the same box in another where that box exists.
 */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';

export interface SecretBox {
  /** Written into every sealed value; never changes for a box. */
  readonly kind: string;
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** What a sealed setting looks like in the settings table (as JSON). */
export interface SealedValue {
  sealed: string;
  data: string;
}

export function isSealedValue(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && typeof (value as SealedValue).sealed === 'string' && typeof (value as SealedValue).data === 'string';
}

const CANNOT_OPEN = '本机保存的同步凭据无法解密（数据文件夹可能是从别的电脑或别的用户复制来的）。请向省级管理员申请新的登记码，在“设置”中重新登记。';
const OTHER_HOST = '本机的同步凭据由桌面程序加密保存，只能在桌面程序中使用。请在桌面程序中同步，或用新的登记码在这里重新登记。';

/** Seals with the primary box; opens with whichever box a value names. */
export class SecretKeyring {
  constructor(
    readonly primary: SecretBox,
    private readonly others: readonly SecretBox[] = [],
  ) {}

  async seal(plaintext: string): Promise<SealedValue> {
    return { sealed: this.primary.kind, data: await this.primary.seal(plaintext) };
  }

  async open(value: SealedValue): Promise<string> {
    const box = [this.primary, ...this.others].find((b) => b.kind === value.sealed);
    if (!box) throw new AppError('NOT_CONFIGURED', OTHER_HOST);
    try {
      return await box.open(value.data);
    } catch {
      throw new AppError('NOT_CONFIGURED', CANNOT_OPEN);
    }
  }
}

// The keyring travels with the store's Knex instance, so every SettingsRepository on that store seals and
// opens with it without each caller (sync, enrol, the CLI) having to pass it along.
const keyrings = new WeakMap<Knex, SecretKeyring>();

export function bindSecretKeyring(db: Knex, keyring: SecretKeyring): void {
  keyrings.set(db, keyring);
}

export function secretKeyringOf(db: Knex): SecretKeyring {
  const keyring = keyrings.get(db);
  // A programming error (a store opened outside openAppContext writing a secret), not the clerk's.
  if (!keyring) throw new Error('No secret box is bound to this store; open it through openAppContext');
  return keyring;
}
