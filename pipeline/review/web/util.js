// Shared helpers of the coder's workstation: DOM building, the JSON API client (session cookie,
// CSRF header), UTF-8 byte offsets <-> string positions, messages and small formatters.
// No framework; every string from a record or the server goes into the page as text, never as
// markup.

// ---------------------------------------------------------------------------------------------
// DOM

// el('tr', {class: 'x', dataset: {key: 'K'}, text: 'hi', onclick: fn, 'aria-label': 'y'}, child…)
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'dataset') { for (const [dk, dv] of Object.entries(v)) if (dv !== undefined && dv !== null) node.dataset[dk] = String(dv); }
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'selected' || k === 'required' || k === 'readOnly') node[k] = Boolean(v);
    else if (k === 'value') node.value = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) { while (node.firstChild) node.firstChild.remove(); return node; }
export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// True when a key press should go to the field being typed in rather than to a shortcut.
export function typingIn(target) {
  if (!(target instanceof Element)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

// CSS.escape for attribute selectors built from server values.
export const cssq = (s) => (window.CSS && CSS.escape ? CSS.escape(String(s)) : String(s).replace(/["\\]/g, '\\$&'));

// ---------------------------------------------------------------------------------------------
// API

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export const session = { user: '', role: '', csrf: '', records: '' };
let onLoginRequired = () => {};
export function setLoginHandler(fn) { onLoginRequired = fn; }
export const canChange = () => session.role === 'coder' || session.role === 'admin';

export async function api(path, { method = 'GET', body, quietLogin = false } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (method !== 'GET') {
    // Every change is JSON, even one without a body (the server refuses other content types).
    headers['X-CSRF-Token'] = session.csrf;
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body === undefined ? {} : body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, `the server cannot be reached (${e.message}); is chartflow review still running?`, null);
  }
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { data = await response.json(); } catch { data = null; }
  }
  if (!response.ok) {
    if (response.status === 401 && !quietLogin) onLoginRequired();
    const why = (data && typeof data.error === 'string' && data.error) || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, why, data);
  }
  if (data === null) throw new ApiError(response.status, `the server answered ${path} with something that is not JSON`, null);
  return data;
}

export const docPath = (id) => `/api/documents/${encodeURIComponent(id)}`;

// ---------------------------------------------------------------------------------------------
// Messages (#message): one line, errors stay until the next action, notes fade.

let messageTimer = 0;
export function showMessage(text, kind = 'info', details = []) {
  const box = document.getElementById('message');
  if (!box) return;
  clearTimeout(messageTimer);
  clear(box);
  box.className = `message ${kind}`;
  box.hidden = false;
  box.append(el('span', { class: 'message-text', text }));
  if (details.length) box.append(el('ul', { class: 'message-details' }, details.map((d) => el('li', { text: d }))));
  box.append(el('button', { type: 'button', class: 'message-close', 'aria-label': 'Dismiss message', text: '×', onclick: hideMessage }));
  if (kind !== 'error') messageTimer = setTimeout(hideMessage, 6000);
}
export function hideMessage() {
  const box = document.getElementById('message');
  if (!box) return;
  clearTimeout(messageTimer);
  clear(box);
  box.hidden = true;
}

// An API error as the coder should read it: the server's sentence, plus whatever list it names
// (codes still needing review on a refused approval, conflicts, ...).
export function showError(error, what) {
  if (!(error instanceof ApiError)) {
    showMessage(`${what}: ${error && error.message ? error.message : error}`, 'error');
    return;
  }
  const details = [];
  const body = error.body;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (k === 'error' || k === 'login_required') continue;
      if (Array.isArray(v)) {
        for (const item of v.slice(0, 20)) details.push(typeof item === 'object' && item !== null ? describeItem(item) : String(item));
      }
    }
  }
  const status = error.status ? ` (${error.status})` : '';
  showMessage(`${what}${status}: ${error.message}`, 'error', details);
}
function describeItem(item) {
  const parts = [];
  for (const k of ['key', 'code', 'system', 'message', 'reason', 'title', 'display']) if (item[k]) parts.push(String(item[k]));
  return parts.length ? parts.join(' — ') : JSON.stringify(item);
}

// ---------------------------------------------------------------------------------------------
// UTF-8: the records' spans are byte offsets into UTF-8 text; the DOM counts UTF-16 code units.

export class Utf8Index {
  constructor(text) {
    this.text = text;
    const n = text.length;
    const byteAt = new Uint32Array(n + 1);  // UTF-16 index -> byte offset of that position
    let b = 0;
    for (let i = 0; i < n; i++) {
      byteAt[i] = b;
      const c = text.charCodeAt(i);
      if (c < 0x80) b += 1;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        byteAt[i + 1] = b;  // the middle of a pair: same character
        b += 4;
        i++;
      } else b += 3;  // BMP, or a lone surrogate (encoded as U+FFFD)
    }
    byteAt[n] = b;
    this.byteAt = byteAt;
    this.byteLength = b;
    const indexAt = new Uint32Array(b + 1);  // byte offset -> UTF-16 index of the character holding it
    for (let i = 0; i < n;) {
      const c = text.charCodeAt(i);
      const units = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      for (let k = byteAt[i], end = byteAt[i + units]; k < end; k++) indexAt[k] = i;
      i += units;
    }
    indexAt[b] = n;
    this.indexAt = indexAt;
  }
  // Byte offset -> string index; a byte inside a character rounds down (begin) or up (end).
  index(byte, roundUp = false) {
    if (!(byte >= 0)) return 0;
    if (byte >= this.byteLength) return this.text.length;
    let i = this.indexAt[byte];
    if (roundUp && this.byteAt[i] !== byte) {
      const c = this.text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    return i;
  }
  byte(index) {
    if (index <= 0) return 0;
    if (index >= this.text.length) return this.byteLength;
    return this.byteAt[index];
  }
  slice(begin, end) { return this.text.slice(this.index(begin), this.index(end, true)); }
}

// ---------------------------------------------------------------------------------------------
// Formatting

export const STATUS_LABEL = { to_review: 'To review', in_progress: 'In progress', approved: 'Approved', returned: 'Returned' };
export const STATE_LABEL = { proposed: 'Proposed', accepted: 'Accepted', rejected: 'Rejected', edited: 'Edited', added: 'Added' };

export function humanize(id) {
  if (!id) return '';
  const s = String(id).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase().replace(/\bicd o3\b/i, 'ICD-O-3');
}

export function shortText(text, max = 48) {
  const s = String(text ?? '');
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const formatConfidence = (c) => (typeof c === 'number' && Number.isFinite(c) ? c.toFixed(2) : '');
