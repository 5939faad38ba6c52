/**
 * The one way the UI talks to the main side. In Electron the preload's `window.api` carries the call
 * over IPC; in a plain browser the same call goes to the local web host over HTTP. Either way the
 * answer is an RpcResult, unwrapped here: data is returned, errors are thrown as RpcError.
 */
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../src-shared/contract';
import type { RpcResult } from '../../src-shared/result';
import { RpcError } from './rpc-error';
import { getToken } from './token';

const OFFLINE_MESSAGE = '无法连接本机的技能培训调度填报程序。请确认程序仍在运行，然后刷新页面。';
const BAD_ANSWER_MESSAGE = '本机程序的回答无法识别。请刷新页面；如果一再出现，请联系技术支持。';

export async function invoke<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  const result = window.api ? await window.api.invoke(name, input) : await invokeOverHttp(name, input);
  if (!result.ok) throw new RpcError(result.error);
  // The main side validated the output against the contract; the renderer trusts its own host.
  return result.data as ProcedureOutput<N>;
}

export function isElectron(): boolean {
  return window.api !== undefined;
}

async function invokeOverHttp(name: string, input: unknown): Promise<RpcResult> {
  let response: Response;
  try {
    response = await fetch(`/rpc/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${getToken() ?? ''}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } };
  }
  try {
    const body: unknown = await response.json();
    if (isRpcResult(body)) return body;
  } catch {
    // Falls through: a proxy page or a truncated body is not an answer of ours.
  }
  return { ok: false, error: { code: 'INTERNAL', message: BAD_ANSWER_MESSAGE, details: { status: response.status } } };
}

function isRpcResult(body: unknown): body is RpcResult {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'data' in body;
  return (
    body.ok === false &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null &&
    'code' in body.error &&
    'message' in body.error
  );
}
