/**
 * Moving spreadsheet files between the clerk's computer and the local host. File bytes never travel through
 * procedures (the web host refuses RPC bodies over 1 MB): `POST /upload` and `GET /download/<fileId>` are served
 * by the web host behind the same token as /rpc (src-main/web-transfer.ts) and, in the desktop window, by the
 * app:// handler (src-main/shell/app-transfers.ts), which needs no token.
 */
import { getToken } from '../../api/token';

export interface FileRef {
  fileId: string;
  fileName: string;
  byteLength: number;
}

const OFFLINE = '无法连接本机的技能培训调度填报程序。请确认程序仍在运行，然后重试。';
const BAD_ANSWER = '文件没有上传成功，请重试；如果一再出现，请联系技术支持。';

export class TransferError extends Error {}

/** Streams the chosen file to the host; answers the id that import.dryRun takes. */
export async function uploadFile(file: File): Promise<FileRef> {
  let response: Response;
  try {
    response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${getToken() ?? ''}` },
      body: file,
    });
  } catch {
    throw new TransferError(OFFLINE);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new TransferError(BAD_ANSWER);
  }
  if (isFileRefAnswer(body)) return body.data;
  // The host's refusals (too large, truncated) carry a Chinese message that says what to do.
  throw new TransferError(errorMessageOf(body) ?? BAD_ANSWER);
}

/** The address of a file the host made (template, report, export); the token rides in the query like /events. */
export function downloadUrl(fileId: string): string {
  return `/download/${encodeURIComponent(fileId)}?token=${encodeURIComponent(getToken() ?? '')}`;
}

/**
 * Saves a host-made file through a plain link: the host answers `Content-Disposition: attachment`, so the page
 * stays where it is and the browser keeps the Chinese file name.
 */
export function saveFile(file: FileRef): void {
  const link = document.createElement('a');
  link.href = downloadUrl(file.fileId);
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFileRefAnswer(body: unknown): body is { ok: true; data: FileRef } {
  return isRecord(body) && body.ok === true && isRecord(body.data) && typeof body.data.fileId === 'string';
}

function errorMessageOf(body: unknown): string | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  return typeof body.error.message === 'string' ? body.error.message : null;
}
