// The HTTP API client. The token is kept in sessionStorage: it survives a reload of the tab but not the tab itself,
// is not shared with other tabs, and never lands in localStorage (see docs/console.md).
// apiBase: where the API is, from config.js ("" on the local stack, the API's https origin in AWS); devRoutes:
// whether the API has the local stack's /dev routes (never in AWS).
import { apiBase, devRoutes } from './config.js';

export { devRoutes };

const TOKEN_KEY = 'cloudphone.token';

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
  }
}

/** A problem the console finds itself, shown like the API's: next to the field it names. */
export function refuse(fieldName, message) {
  return new ApiError(400, 'VALIDATION_FAILED', 'Check the highlighted field.', [{ field: fieldName, message }]);
}

let onExpired = () => {};

export function whenSessionExpires(callback) {
  onExpired = callback;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** The claims of the current token (account, role, expiry), for display only: the API checks the signature. */
export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
  } catch {
    return null;
  }
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t = token();
  if (t) headers.authorization = 'Bearer ' + t;
  // A change carries a key of its own: when the answer is lost on the way back, the one retry below sends the same
  // key, and the API replays what the first attempt did instead of doing it twice.
  const changes = method !== 'GET' && method !== 'HEAD';
  if (t && changes) headers['idempotency-key'] = 'console-' + crypto.randomUUID();
  const send = () => fetch(apiBase + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let response;
  try {
    response = await send();
  } catch {
    try {
      if (!headers['idempotency-key']) throw new Error('not repeatable');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      response = await send();
    } catch {
      throw new ApiError(0, 'NETWORK', 'The API did not answer.' + (devRoutes ? ' Is the local stack running?' : ''), []);
    }
  }
  if (response.status === 204) return null;
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const e = (data && data.error) || {};
    const error = new ApiError(response.status, e.code || 'HTTP_' + response.status,
      e.message || 'The request failed with status ' + response.status, e.details);
    if (response.status === 401 && t && !path.startsWith('/sessions')) {
      setToken(null);
      onExpired('Your session has expired or is no longer valid. Sign in again.');
    }
    throw error;
  }
  return data;
}

export const enc = encodeURIComponent;

/** The largest page the API gives (GET lists take ?limit= from 1 to 100, 50 by default). */
export const PAGE_LIMIT = 100;

function pageUrl(path, cursor, limit) {
  return path + (path.includes('?') ? '&' : '?') + 'limit=' + limit + (cursor ? '&cursor=' + enc(cursor) : '');
}

/**
 * A list read a page at a time: `items` holds what is loaded so far, `next` the cursor of the next page (null
 * once the end is reached), and `more()` loads that page and returns its items. With `key` (an item's id),
 * `add(item)` shows an item made on this screen at once, and the page it later comes in does not list it again.
 */
export async function paged(path, limit = 50, key = null) {
  const list = { items: [], next: null };
  const seen = new Set();
  const fresh = item => {
    if (!key) return true;
    if (seen.has(key(item))) return false;
    seen.add(key(item));
    return true;
  };
  list.more = async () => {
    const page = await api('GET', pageUrl(path, list.next, limit));
    const added = page.items.filter(fresh);
    list.items.push(...added);
    list.next = page.nextCursor;
    return added;
  };
  list.add = item => {
    if (fresh(item)) list.items.push(item);
  };
  await list.more();
  return list;
}

/** Every item of a list, page after page: for choices (users to pick, numbers to move contacts to). */
export async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const page = await api('GET', pageUrl(path, cursor, PAGE_LIMIT));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
