// The API client: the session token in sessionStorage (gone when the tab closes; never in a URL), problem+json
// errors as ApiError naming the field, media tickets for what the browser opens by itself.

const TOKEN = 'xl.token';
export const events = new EventTarget();

export class ApiError extends Error {
  constructor(status, problem) {
    const field = problem && problem.errors && problem.errors[0] && problem.errors[0].field;
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.field = field || null;
  }
}

export function token() { return sessionStorage.getItem(TOKEN); }
export function setToken(t) { if (t) sessionStorage.setItem(TOKEN, t); else sessionStorage.removeItem(TOKEN); }

/** A URL under /api/v1 with the query's non-empty values. */
export function url(path, query) {
  const u = new URL('/api/v1' + path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => u.searchParams.append(k, x));
    else u.searchParams.set(k, v);
  }
  return u;
}

/** Calls the API; resolves the JSON answer (null for 204), rejects with ApiError. */
export async function api(path, {method = 'GET', query, body, raw} = {}) {
  const headers = {Accept: 'application/json, application/problem+json'};
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string') {
      headers['Content-Type'] = 'text/csv';
      payload = body;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  const res = await fetch(url(path, query), {method, headers, body: payload, cache: 'no-store'});
  if (raw) return res;
  if (res.status === 401 && t) events.dispatchEvent(new Event('expired'));
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Every page of a list: GET path?limit=max&cursor=… until next is null or cap items. */
export async function all(path, query, cap = 10000) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(path, {query: {...query, limit: 1000, cursor}});
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < cap);
  return items;
}

const tickets = new Map();

/**
 * A media ticket for path (a live socket, a playback, a snapshot, a download, a read's picture): the only credential
 * a URL carries. Kept until a minute before it ends.
 */
export async function ticket(path) {
  const held = tickets.get(path);
  if (held && held.until > Date.now()) return held.ticket;
  const t = await api('/tickets', {method: 'POST', body: {path}});
  tickets.set(path, {ticket: t.ticket, until: new Date(t.expiresAt).getTime() - 60000});
  if (tickets.size > 500) tickets.delete(tickets.keys().next().value);
  return t.ticket;
}

export function forgetTickets() { tickets.clear(); }

/** The URL of a media path with its ticket (and any other query values). */
export async function mediaUrl(path, query) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) if (v) u.searchParams.set(k, v);
  u.searchParams.set('access_token', await ticket(path));
  return u.toString();
}

export const enc = encodeURIComponent;
