/**
 * The one rule for the provincial server's address, shared by enrolment, every sync request, the reachability
 * probe and the update check: https only, plain http only to this computer (loopback: tests and `skills-desk web`
 * against a server on the same machine). Anything else would send the county's personal data and its device
 * token in clear text, or let a `javascript:` or `file:` address through.
 */

/** The WHATWG URL class both Node and browsers provide; declared here because src-shared is built without DOM or Node types. */
declare const URL: new (input: string) => {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  origin: string;
  pathname: string;
  search: string;
  hash: string;
};

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const EXAMPLE = '，应类似 https://sync.example.gov.cn';
const MESSAGES = {
  empty: '请填写省服务器地址' + EXAMPLE,
  format: '服务器地址格式不对' + EXAMPLE,
  scheme: '服务器地址必须以 https:// 开头' + EXAMPLE,
  plainHttp: '省服务器地址必须使用 https://（加密连接），请向省级管理员确认地址；只有本机测试用的 127.0.0.1 或 localhost 才能用 http://',
  extras: '服务器地址里不能带用户名、密码、“?”或“#”后的内容，请只填写服务器地址' + EXAMPLE,
} as const;

/** A host name with an optional port and path and no scheme, e.g. `sync.example.gov.cn` or `127.0.0.1:8491/api`. */
const BARE_HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?(\/[^\s]*)?$/i;

/** Loopback as the WHATWG parser spells it: IPv4 is always dotted decimal after parsing, IPv6 in brackets. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

type Parsed = InstanceType<typeof URL>;

function parse(text: string): Parsed | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Checks and normalises a server address: lower-case origin plus the path without trailing slashes. A bare host
 * gets https://, or http:// when it is this computer (`127.0.0.1:8491` -> `http://127.0.0.1:8491`).
 */
export function normaliseServerUrl(raw: string): ServerUrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, message: MESSAGES.empty };
  let url: Parsed | null;
  if (!text.includes('://') && BARE_HOST.test(text)) {
    const asHttp = parse(`http://${text}`);
    url = asHttp && isLoopbackHostname(asHttp.hostname) ? asHttp : parse(`https://${text}`);
  } else {
    url = parse(text);
  }
  if (!url || url.hostname === '') return { ok: false, message: MESSAGES.format };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: MESSAGES.scheme };
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) return { ok: false, message: MESSAGES.plainHttp };
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || text.endsWith('?') || text.endsWith('#')) {
    return { ok: false, message: MESSAGES.extras };
  }
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}
