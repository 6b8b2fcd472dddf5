// The admin API as the console calls it: the key from sessionStorage as a bearer token, JSON in and out,
// problem+json errors turned into ApiError. The key never goes into a URL or a cookie.
const KEY = 'sis.console.apiKey';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function problemText(status, problem) {
  if (!problem) return `HTTP ${status}`;
  const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
  return [problem.title || `HTTP ${status}`, problem.detail, fields].filter(Boolean).join(' — ');
}

export const session = {
  key: () => sessionStorage.getItem(KEY),
  keep: key => sessionStorage.setItem(KEY, key),
  forget: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized = () => {};

/** Called when the server answers 401 to the kept key (revoked or changed). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** Calls the API; {@code key} overrides the kept key (used to try a key before keeping it). */
export async function api(method, path, { body, query, key } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json', Authorization: `Bearer ${key || session.key()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && !key) onUnauthorized();
    throw new ApiError(response.status, json);
  }
  return json;
}
