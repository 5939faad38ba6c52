/**
 * The one way the staff UI talks to the provincial server: a route of the staff contract, by name,
 * with the session token as `Authorization: Bearer`. The URL is built from the contract's path, and
 * every answer is parsed with the entry's answer schema (src-shared/staff-api.ts); a
 * refusal becomes a StaffApiError with the server's Chinese message. A 401 on a logged-in call means
 * the session ended (idle limit, account disabled): the session store sends the user back to login.
 */
import { staffErrorSchema } from '../../../src-shared/staff-api';
import { staffContract, staffUrl, type StaffAnswer, type StaffInput, type StaffRouteName } from '../../../src-shared/staff-contract';
import { saveBlob } from '../../features/periods/download';
import { sessionStore } from './session';
import { OFFLINE_MESSAGE, StaffApiError } from './staff-error';

const BAD_ANSWER_MESSAGE = '省服务器的回答无法识别。请刷新页面；如果一再出现，请联系技术支持。';
const SESSION_ENDED = '登录已失效（长时间未操作或账号已停用），请重新登录。';

/** Routes whose every part is optional may be called without an input. */
type InputArg<N extends StaffRouteName> = object extends StaffInput<N> ? [input?: StaffInput<N>] : [input: StaffInput<N>];

async function send<N extends StaffRouteName>(name: N, input: StaffInput<N> | undefined, asToken?: string): Promise<Response> {
  const { method } = staffContract[name];
  const { params, query, body } = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, string | null | undefined>; body?: unknown };
  const headers: Record<string, string> = {};
  const token = asToken ?? sessionStore.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(staffUrl(name, { params, query }), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new StaffApiError('OFFLINE', OFFLINE_MESSAGE, 0);
  }
}

async function errorOf(response: Response): Promise<StaffApiError> {
  try {
    const body: unknown = await response.json();
    const parsed = staffErrorSchema.safeParse(typeof body === 'object' && body !== null && 'error' in body ? body.error : null);
    if (parsed.success) return new StaffApiError(parsed.data.code, parsed.data.message, response.status, parsed.data.details);
  } catch {
    // Falls through: a proxy's error page is not an answer of ours.
  }
  return new StaffApiError('INTERNAL', BAD_ANSWER_MESSAGE, response.status);
}

async function refused(response: Response): Promise<never> {
  const error = await errorOf(response);
  if (response.status === 401 && sessionStore.token()) sessionStore.end(SESSION_ENDED);
  throw error;
}

/** Calls route `name` and answers its `data`, parsed with the entry's answer schema. */
export async function staffCall<N extends StaffRouteName>(name: N, ...[input]: InputArg<N>): Promise<StaffAnswer<N>> {
  return call(name, input);
}

/** A step of the login, with that step's own token (not yet a session of this tab). */
export function staffCallAs<N extends StaffRouteName>(token: string, name: N, ...[input]: InputArg<N>): Promise<StaffAnswer<N>> {
  return call(name, input, token);
}

async function call<N extends StaffRouteName>(name: N, input: StaffInput<N> | undefined, asToken?: string): Promise<StaffAnswer<N>> {
  const schema = staffContract[name].answer;
  if (!schema) throw new Error(`staffCall(${name}): a file route; use staffDownload`);
  const response = await send(name, input, asToken);
  if (!response.ok) return asToken ? Promise.reject(await errorOf(response)) : refused(response);
  // Any answered request is activity the server counts: the idle clock of this tab restarts with it.
  sessionStore.touch();
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new StaffApiError('INTERNAL', BAD_ANSWER_MESSAGE, response.status);
  }
  const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : undefined;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new StaffApiError('INTERNAL', BAD_ANSWER_MESSAGE, response.status);
  return parsed.data as StaffAnswer<N>;
}

/** Fetches a file a download route generates (.xlsx, PDF) and offers it as a download; answers its name. */
export async function staffDownload<N extends StaffRouteName>(name: N, input: StaffInput<N>, fallbackName: string): Promise<string> {
  const response = await send(name, input);
  if (!response.ok) return refused(response);
  sessionStore.touch();
  const fileName = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  saveBlob(await response.blob(), fileName);
  return fileName;
}

/** The RFC 5987 name the server sends (`filename*=UTF-8''…`), which carries the Chinese file name. */
export function fileNameOf(disposition: string | null): string | null {
  const match = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition) : null;
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
