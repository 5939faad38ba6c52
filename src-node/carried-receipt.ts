/**
 * The receipt of a carried file: the province's signed word of which batches it applied and which it refused
 * and why. The server writes it (server-admin import-batches, the staff upload page); the PC reads it (数据同步 →
 * 导入回执, skills-desk import-receipt) and clears its outbox from it as from online receipts.
 * Envelope: `{format, body, signature}` where `body` is the exact signed JSON text (src-shared/carried-file.ts).
 */
import {
  CARRIED_LIMITS,
  CARRIED_RECEIPT_FORMAT,
  receiptBodySchema,
  receiptEnvelopeSchema,
  type ProvincePublicKey,
  type ReceiptBody,
} from '../src-shared/carried-file';
import { publicKeyOf, signBytes, strictBase64, verifyBytes } from './carried-crypto';

const SIGN_DOMAIN = Buffer.from('skills-desk carried receipt v1\0', 'utf8');

export function signReceipt(body: ReceiptBody, signPrivateKey: string): string {
  const text = JSON.stringify(body);
  const signature = signBytes(signPrivateKey, [SIGN_DOMAIN, Buffer.from(text, 'utf8')]);
  return JSON.stringify({ format: CARRIED_RECEIPT_FORMAT, body: text, signature: signature.toString('base64') });
}

export type ReceiptCheck = { ok: true; body: ReceiptBody } | { ok: false; message: string };

const NOT_A_RECEIPT = '文件不是省服务器出具的回执，请确认选对了文件（回执文件名以 .sdreceipt 结尾）';

/** Parses and verifies a receipt against the province keys this PC knows (newest last). */
export function readReceipt(bytes: Buffer, provinceKeys: readonly ProvincePublicKey[]): ReceiptCheck {
  if (bytes.length > CARRIED_LIMITS.receiptBytes) return { ok: false, message: NOT_A_RECEIPT };
  let envelope: unknown;
  try {
    envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, message: NOT_A_RECEIPT };
  }
  const outer = receiptEnvelopeSchema.safeParse(envelope);
  if (!outer.success) return { ok: false, message: NOT_A_RECEIPT };
  let inner: unknown;
  try {
    inner = JSON.parse(outer.data.body);
  } catch {
    return { ok: false, message: '回执内容损坏，无法使用。请向省里重新索取回执' };
  }
  const body = receiptBodySchema.safeParse(inner);
  if (!body.success) return { ok: false, message: '回执格式不符（可能损坏，或由更新版本的服务器出具），请升级程序或向省里重新索取回执' };
  const key = provinceKeys.find((k) => k.signKeyId === body.data.signKeyId);
  if (!key) {
    return { ok: false, message: '回执由本机不认识的省服务器密钥签名（省里可能更换了密钥）。请联网同步一次取得新密钥后再导入；联网同步本身也会确认这些数据' };
  }
  const publicKey = publicKeyOf(key.signPublicKey, 'ed25519');
  const signature = strictBase64(outer.data.signature);
  if (!publicKey || !signature || !verifyBytes(publicKey, [SIGN_DOMAIN, Buffer.from(outer.data.body, 'utf8')], signature)) {
    return { ok: false, message: '回执签名校验不通过（可能被修改过或不是省服务器出具的），未做任何改动。请向省里重新索取回执' };
  }
  return { ok: true, body: body.data };
}
