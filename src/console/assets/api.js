// How the console talks to timock: the control plane (/mock, behind --control-token) and the REST API (/v4)
// with an admin UserSig the control plane mints. Failures carry what the server said: the HTTP status and
// {error, field} of /mock, or the ErrorCode and ErrorInfo of a REST reply.

const TOKEN_KEY = 'timock.controlToken';

export class ApiError extends Error {
  constructor(message, details) {
    super(message);
    Object.assign(this, details);
  }
}

let askToken = null;  // set by the page: shows the token dialog and resolves with what was typed

export function onTokenNeeded(ask) { askToken = ask; }
export function token() { return localStorage.getItem(TOKEN_KEY) || ''; }

let tokenChecked = null;

// Before the first /mock call: whether this timock wants a token and whether the kept one is it (asked of
// /console/session, which never answers 401, so a wrong token costs no browser error).
async function checkToken() {
  for (;;) {
    const headers = token() ? { 'X-Timock-Token': token() } : {};
    const session = await (await fetch('session', { headers })).json();
    if (session.token_ok || !askToken) return;
    localStorage.setItem(TOKEN_KEY, await askToken());
  }
}

// A control-plane call; a 401 (the server's token changed) asks for the token once and tries again.
export async function mock(method, path, body, { raw = false } = {}) {
  if (!tokenChecked) tokenChecked = checkToken().finally(() => {});
  await tokenChecked;
  for (let attempt = 0; ; attempt++) {
    const headers = {};
    if (token()) headers['X-Timock-Token'] = token();
    const init = { method, headers };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(path, init);
    if (response.status === 401 && attempt === 0 && askToken) {
      tokenChecked = checkToken();
      await tokenChecked;
      continue;
    }
    const text = await response.text();
    if (!response.ok) {
      let problem = {};
      try { problem = JSON.parse(text); } catch { problem = { error: text }; }
      const field = problem.field ? ` (${problem.field})` : '';
      throw new ApiError(`${method} ${path}: HTTP ${response.status}: ${problem.error || text}${field}`,
        { status: response.status, field: problem.field });
    }
    if (raw) return text;
    return text ? JSON.parse(text) : {};
  }
}

const sigs = new Map();  // app id → {admin, usersig, expire_at}

// The app's admin and a UserSig for it, minted once per app and page.
async function admin(app) {
  let entry = sigs.get(app);
  if (!entry || entry.expire_at < Date.now() / 1000 + 60) {
    const info = await mock('GET', `/mock/apps/${app}`);
    const minted = await mock('POST', `/mock/apps/${app}/usersig`, { identifier: info.admin });
    entry = { admin: info.admin, ...minted };
    sigs.set(app, entry);
  }
  return entry;
}

export function forgetSig(app) { sigs.delete(app); }
export async function adminOf(app) { return (await admin(app)).admin; }

// A REST command as the app admin. Resolves with the reply when ErrorCode is 0, else throws with
// ErrorCode/ErrorInfo (the reply is kept on the error for views that show per-item results).
export async function rest(app, service, command, body) {
  const { admin: identifier, usersig } = await admin(app);
  const query = new URLSearchParams({ sdkappid: app, identifier, usersig, random: String(Math.floor(Math.random() * 4294967295)), contenttype: 'json' });
  const response = await fetch(`/v4/${service}/${command}?${query}`, { method: 'POST', body: JSON.stringify(body || {}) });
  const text = await response.text();
  let reply;
  try { reply = JSON.parse(text); } catch {
    throw new ApiError(`${service}/${command}: HTTP ${response.status}: ${text || 'no reply'}`, { status: response.status });
  }
  if (reply.ErrorCode !== 0 && reply.ErrorCode !== undefined) {
    throw new ApiError(`${service}/${command}: ErrorCode ${reply.ErrorCode}: ${reply.ErrorInfo || ''}`,
      { errorCode: reply.ErrorCode, errorInfo: reply.ErrorInfo, reply });
  }
  return reply;
}

// A file the browser downloads (a snapshot).
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
