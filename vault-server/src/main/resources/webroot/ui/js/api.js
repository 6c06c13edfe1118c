// The one way the console talks to Keyward: the same /v1 API a script uses, with the token from
// this tab's sessionStorage (never a cookie, never localStorage).

const TOKEN_KEY = 'keyward.token';

export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.join('; ') || `HTTP ${status}`);
    this.status = status;
    this.errors = errors.length ? errors : [`HTTP ${status}`];
  }
}

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Calls /v1/<path>; resolves to the parsed JSON body (or null), rejects with ApiError. */
export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (session.token && !options.anonymous) headers['X-Vault-Token'] = session.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  Object.assign(headers, options.headers || {});
  const response = await fetch(`/v1/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok && !(options.accept || []).includes(response.status)) {
    throw new ApiError(response.status, (json && json.errors) || []);
  }
  return options.raw ? { status: response.status, json, text } : json;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body ?? {}, options);
export const del = (path) => api('DELETE', path);
export const list = async (path) => {
  try {
    const r = await api('LIST', path);
    return (r && r.data && r.data.keys) || [];
  } catch (e) {
    if (e.status === 404) return [];
    throw e;
  }
};

/** Which capabilities the token holds on each path; a failed ask grants nothing. */
export async function capabilities(paths) {
  try {
    const r = await post('sys/capabilities-self', { paths });
    const data = (r && r.data) || r || {};
    const out = {};
    for (const p of paths) out[p] = data[p] || ['deny'];
    return out;
  } catch (e) {
    return Object.fromEntries(paths.map((p) => [p, ['deny']]));
  }
}

export function can(caps, ...wanted) {
  if (!caps) return false;
  if (caps.includes('root')) return true;
  if (caps.includes('deny')) return false;
  return wanted.some((w) => caps.includes(w));
}
