// Drives the coder's workstation (`chartflow review`) in headless Chromium the way a coder uses
// it, and checks what the server answers at the HTTP level. Run by review_browser_test.sh.
//
// node check_review.mjs decide    BASE_URL OUTPUT_DIR SCREENSHOT_DIR STATE_FILE
//   HTTP: CSRF, path traversal, body limit and malformed JSON refused, nothing changed by them.
//   Browser: the worklist lists every record, search/sort/filter/keys work; on each scanned
//   chart every evidence box lies over its OCR word on the drawn page (±2 px) and over ink; on
//   every chart the marked evidence and mentions are exactly the records' UTF-8 byte spans; a
//   mention's popover tells its assertion and triggers; accept, reject (reason), edit (search,
//   check, save), add from selected text (byte offsets after non-ASCII text), principal, approve,
//   a refused approval shown, return, a physician query (txt and pdf); after a reload every
//   decision is still there; the export has them; a 10,000-document worklist paints fast and
//   keeps only the rows in sight in the DOM. The expectations go to STATE_FILE.
// node check_review.mjs persisted BASE_URL OUTPUT_DIR SCREENSHOT_DIR STATE_FILE
//   After a server restart: every decision of STATE_FILE shows in the browser.
// node check_review.mjs registry  BASE_URL OUTPUT_DIR SCREENSHOT_DIR STATE_FILE
//   A registry run: the abstract shows each tumour's fields; one field edited with a reason
//   persists over a reload.
// node check_review.mjs reimbursement BASE_URL OUTPUT_DIR SCREENSHOT_DIR STATE_FILE
//   An inpatient run with the DRG and HCC stages: the reimbursement panel shows the record's
//   MS-DRG, MDC, drivers, every what-if hint and the HCCs; a hint's button opens a pre-filled
//   query that names no DRG or payment; rejecting the hinted code makes the panel say the DRG
//   was computed from the pipeline's codes and show the DRG of the reviewed codes.
// node check_review.mjs users     BASE_URL OUTPUT_DIR SCREENSHOT_DIR STATE_FILE
//   With a users file (coder1, reader1): the sign-in form, a wrong password refused, a reader
//   sees no change button and is refused by the server, sign-out, a coder signs in.
// node check_review.mjs csv       CSV_FILE STATE_FILE
//   `chartflow review --export` wrote every decision of STATE_FILE.
//
// Fails on any console error or warning, page error, failed request, HTTP error that was not
// provoked on purpose, or request to anything but the server. The checker checks itself where
// that is cheap: a misplaced box, a blank patch of page, an off-by-one span, a logged error and a
// foreign URL must each be caught.
import puppeteer from 'puppeteer-core';
import http from 'node:http';
import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const [phase, ...args] = process.argv.slice(2);
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const T = 15000;  // ms to wait for anything the page should show

const problems = [];
let muted = false;  // while the checker tests itself
const fail = (what) => { problems.push(what); if (!muted) console.error(`  FAIL ${what}`); };
const expect = (ok, what) => { if (!ok) fail(what); return Boolean(ok); };
const note = (what) => console.log(`  ok   ${what}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Records of the run, read straight from the output folder (the checker's own ground truth)

async function loadRecords(outputDir) {
  const dir = join(outputDir, 'records');
  const records = new Map();
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.json')).sort()) {
    const r = JSON.parse(await readFile(join(dir, f), 'utf8'));
    records.set(r.document.id, r);
  }
  return records;
}
const nameOf = (r) => r.document.source.name;
const viewText = (r, name) => ((r.views || []).find((v) => v.name === name) || {}).text ?? null;
const byteSlice = (text, b, e) => Buffer.from(text, 'utf8').subarray(b, e).toString('utf8');

// ---------------------------------------------------------------------------------------------
// HTTP without a browser

class Client {
  constructor(base) {
    this.base = new URL(base);
    this.cookie = '';
    this.csrf = '';
  }
  // Raw request: the path goes out exactly as given (no URL normalisation).
  request(method, path, { headers = {}, body = null, cookie = true, chunked = false } = {}) {
    return new Promise((resolve, reject) => {
      const h = { Host: this.base.host, ...headers };
      if (cookie && this.cookie) h.Cookie = this.cookie;
      if (body !== null && !chunked) h['Content-Length'] = Buffer.byteLength(body);
      let answered = false;
      const req = http.request({ host: this.base.hostname, port: this.base.port, method, path, headers: h }, (res) => {
        answered = true;
        const parts = [];
        res.on('data', (d) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
        res.on('error', reject);
      });
      req.on('error', (e) => { if (!answered) reject(e); });
      if (body !== null) {
        const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
        if (buf.length > 1 << 20) {
          // A big body goes out in pieces; the server may answer (413) and close before the end.
          let off = 0;
          const pump = () => {
            while (off < buf.length && !answered && !req.destroyed) {
              const piece = buf.subarray(off, off + (1 << 20));
              off += piece.length;
              if (!req.write(piece)) { req.once('drain', pump); return; }
            }
            if (!answered && !req.destroyed) req.end();
          };
          pump();
          return;
        }
        req.write(buf);
      }
      req.end();
    });
  }
  async json(method, path, body, extra = {}) {
    const headers = { Accept: 'application/json', ...(extra.headers || {}) };
    let payload = null;
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = typeof body === 'string' ? body : JSON.stringify(body); }
    const res = await this.request(method, path, { headers, body: payload, cookie: extra.cookie !== false });
    let data = null;
    try { data = JSON.parse(res.body.toString('utf8')); } catch { data = null; }
    return { ...res, data };
  }
  async start() {
    const res = await this.json('GET', '/api/session');
    if (res.status !== 200) throw new Error(`GET /api/session answered ${res.status}: ${res.body}`);
    const set = [].concat(res.headers['set-cookie'] || []);
    const c = set.map((s) => s.split(';')[0]).find((s) => s.startsWith('cf_session='));
    if (!c) throw new Error('GET /api/session set no cf_session cookie');
    this.cookie = c;
    this.csrf = res.data.csrf;
    const flags = set.find((s) => s.startsWith('cf_session=')) || '';
    expect(/HttpOnly/i.test(flags) && /SameSite=Strict/i.test(flags), `the session cookie lacks HttpOnly or SameSite=Strict: ${flags}`);
    return res.data;
  }
  post(path, body, headers = {}) { return this.json('POST', path, body, { headers: { 'X-CSRF-Token': this.csrf, ...headers } }); }
}

async function httpChecks(client, records) {
  console.log('HTTP checks');
  const session = await client.start();
  expect(session.user && session.role === 'coder' && typeof session.csrf === 'string' && session.csrf.length >= 16, `session ${JSON.stringify(session)}: expected a coder and a CSRF token of 16+ characters`);

  // The page and its files, with the headers the browser relies on.
  const index = await client.request('GET', '/');
  expect(index.status === 200 && /text\/html/.test(index.headers['content-type'] || ''), `GET / answered ${index.status} ${index.headers['content-type']}`);
  const csp = index.headers['content-security-policy'] || '';
  expect(/default-src 'self'/.test(csp) && /frame-ancestors 'none'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp), `GET / Content-Security-Policy is "${csp}"`);
  const assets = [...index.body.toString('utf8').matchAll(/(?:src|href)="(\/[a-z]+\.(?:js|css))"/g)].map((m) => m[1]);
  expect(assets.includes('/app.js') && assets.includes('/app.css'), `index.html names ${assets.join(', ')}`);
  for (const a of new Set(assets)) {
    const r = await client.request('GET', a);
    const type = r.headers['content-type'] || '';
    expect(r.status === 200 && (a.endsWith('.js') ? /javascript/.test(type) : /text\/css/.test(type)), `GET ${a} answered ${r.status} ${type}`);
  }

  const docs = await client.json('GET', '/api/documents');
  expect(docs.status === 200 && Array.isArray(docs.data?.documents) && docs.data.documents.length === records.size,
    `GET /api/documents lists ${docs.data?.documents?.length} documents, the run wrote ${records.size}`);
  expect(docs.data?.total === records.size, `GET /api/documents says total ${docs.data?.total}`);
  shape('session', session, SESSION_KEYS);
  for (const d of docs.data?.documents || []) {
    shape(`document ${d.id}`, d, DOCUMENT_KEYS);
    const r = records.get(d.id);
    expect(r && d.source_name === nameOf(r) && d.kind === ((r.tumors || []).length ? 'registry' : 'coding') && d.page_count === ((r.pages || []).length || r.document.page_count || 0),
      `document ${d.id} lists as ${d.source_name} ${d.kind} ${d.page_count} pages; the record is ${r ? nameOf(r) : 'missing'}`);
  }

  for (const rid of records.keys()) {
    const one = await client.json('GET', `/api/documents/${rid}`);
    expect(one.status === 200 && one.data?.record?.document?.id === rid, `GET /api/documents/${rid} answered ${one.status}`);
    shape(`review of ${rid}`, one.data?.review, REVIEW_KEYS);
    for (const c of one.data?.review?.codes || []) shape(`code ${c.key} of ${rid}`, c, CODE_KEYS);
  }
  const [id] = records.keys();
  const before = await client.json('GET', `/api/documents/${id}`);
  const key = before.data?.review?.codes?.[0]?.key;
  expect(before.status === 200 && key, `GET /api/documents/${id} answered ${before.status} with no code`);
  const path = `/api/documents/${id}/decisions`;
  const accept = JSON.stringify({ action: 'accept', key });
  const refusals = [
    ['a POST without X-CSRF-Token', () => client.json('POST', path, accept), [403]],
    ['a POST with a wrong X-CSRF-Token', () => client.json('POST', path, accept, { headers: { 'X-CSRF-Token': 'x'.repeat(client.csrf.length || 32) } }), [403]],
    ['a POST without the session cookie', () => client.json('POST', path, accept, { cookie: false, headers: { 'X-CSRF-Token': client.csrf } }), [401, 403]],
    ['malformed JSON', () => client.post(path, '{"action": "accept", "key": '), [400]],
    ['a JSON array', () => client.post(path, '[1, 2]'), [400, 422]],
    ['an unknown action', () => client.post(path, { action: 'delete-everything', key }), [400, 422]],
    ['a reject without a reason', () => client.post(path, { action: 'reject', key }), [400, 422]],
  ];
  for (const [what, send, statuses] of refusals) {
    const r = await send();
    expect(statuses.includes(r.status), `${what} answered ${r.status} (${r.body.toString('utf8').slice(0, 120)}), expected ${statuses.join(' or ')}`);
    expect(r.status < 400 || (r.data && typeof r.data.error === 'string'), `${what}: the ${r.status} answer has no {"error": …}`);
  }
  const big = await client.request('POST', path, {
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': client.csrf, 'Content-Length': String(20 * 1024 * 1024) },
    body: Buffer.alloc(20 * 1024 * 1024, 0x20), chunked: true,
  }).catch((e) => ({ status: `no answer (${e.code || e.message})`, body: Buffer.alloc(0) }));
  expect(big.status === 413, `a 20 MB body answered ${big.status}, expected 413`);
  const after = await client.json('GET', `/api/documents/${id}`);
  expect(JSON.stringify(after.data?.review?.codes) === JSON.stringify(before.data?.review?.codes) && (after.data?.review?.decisions || []).length === (before.data?.review?.decisions || []).length,
    'a refused POST changed the document');

  const scan = [...records.values()].find((r) => (r.pages || []).length);
  const sid = scan ? scan.document.id : id;
  const traversal = [
    '/api/documents/..%2f..%2fetc%2fpasswd', '/api/documents/../../etc/passwd', '/../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd', '//etc/passwd', '/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/app.js/../../../etc/passwd',
    `/api/documents/${sid}/pages/..%2f..%2f..%2f..%2fetc%2fpasswd`, `/api/documents/${sid}/pages/0`, `/api/documents/${sid}/pages/999`,
    `/api/documents/${sid}/queries/..%2f..%2f..%2fetc%2fpasswd.txt`, '/api/documents/doc-0000000000000000', '/api/documents/DOC-FD14D9D49994AF3C',
    `/api/documents/${id}%00.json`, '/api/nothing-here', '/etc/passwd',
  ];
  for (const p of traversal) {
    const r = await client.request('GET', p);
    const text = r.body.toString('latin1');
    expect(r.status >= 400 && r.status < 500 && !/root:.*:0:0:/.test(text), `GET ${p} answered ${r.status}${/root:/.test(text) ? ' WITH /etc/passwd' : ''}, expected 4xx`);
  }
  const short = await client.request('GET', '/api/documents/doc-12345678');
  expect(short.status === 404, `GET /api/documents/doc-12345678 answered ${short.status}, expected 404`);
  note(`HTTP: ${refusals.length + 1} refused changes, ${traversal.length} bad paths`);
}

// The fields docs/review-api.md promises (more are fine).
const SESSION_KEYS = ['user', 'role', 'csrf', 'login_required', 'records'];
const DOCUMENT_KEYS = ['id', 'source_name', 'media_type', 'page_count', 'document_type', 'document_type_display', 'policy', 'kind', 'status',
  'code_count', 'codes_needing_review', 'codes', 'flags', 'open_queries', 'changed', 'decided_at'];
const REVIEW_KEYS = ['status', 'changed', 'codes', 'tumors', 'queries', 'decisions'];
const CODE_KEYS = ['key', 'code_id', 'system', 'code', 'display', 'billable', 'role', 'sequence', 'state', 'proposed_code', 'reason', 'confidence',
  'rule', 'needs_review', 'review_reasons', 'mention_ids', 'evidence', 'boxes', 'evidence_changed'];
const reported = new Set();
function shape(what, obj, keys) {
  if (!expect(obj && typeof obj === 'object', `${what}: not an object`)) return;
  const missing = keys.filter((k) => !(k in obj));
  const kind = what.replace(/ (of )?doc-[0-9a-f]+.*$/, '').replace(/ [A-Z0-9-]+\|.*$/, '');
  if (missing.length && !reported.has(`${kind}:${missing}`)) {
    reported.add(`${kind}:${missing}`);
    fail(`${what} lacks ${missing.join(', ')} (docs/review-api.md)`);
  }
}

// ---------------------------------------------------------------------------------------------
// Browser plumbing

const isLocal = (url, base) => {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1' && u.origin === new URL(base).origin;
  } catch { return false; }
};

async function launch() {
  return puppeteer.launch({
    executablePath: browserPath,
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking',
      '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-default-browser-check'],
  });
}

// A page whose every console error or warning, page error, failed request, HTTP error or foreign
// request is a problem, unless announced with allow() first.
async function openPage(browser, base, { viewport = { width: 1440, height: 900 } } = {}) {
  const page = await browser.newPage();
  // An HTTP error provoked on purpose: one response and the one console line Chromium logs for it.
  const allowed = [];  // {status, response, console}
  page.allow = (status) => allowed.push({ status, response: 1, console: 1 });
  const take = (status, what) => {
    const a = allowed.find((x) => x.status === status && x[what] > 0);
    if (!a) return false;
    a[what]--;
    return true;
  };
  page.on('console', (m) => {
    if (!['error', 'warn', 'warning', 'assert'].includes(m.type())) return;
    const text = m.text();
    const st = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (st && take(Number(st[1]), 'console')) return;
    fail(`console ${m.type()}: ${text}${m.location()?.url ? ` (${m.location().url})` : ''}`);
  });
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    if (why === 'net::ERR_ABORTED' && /\/api\/export/.test(r.url())) return;  // a download
    fail(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  page.on('request', (r) => { if (!isLocal(r.url(), base)) fail(`request to ${r.url()}`); });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    if (take(r.status(), 'response')) return;
    fail(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  await page.setViewport(viewport);
  page.setDefaultTimeout(T);
  return page;
}

const visible = (page, selector) => page.waitForSelector(selector, { visible: true });

async function gotoChart(page, id, name) {
  await page.evaluate((h) => { location.hash = h; }, `#/doc/${id}`);
  await page.waitForFunction((n) => {
    const c = document.getElementById('chart');
    return c && !c.hidden && !c.hasAttribute('aria-busy') && document.getElementById('chart-title').textContent === n;
  }, {}, name);
}

async function backToList(page) {
  await page.evaluate(() => { location.hash = '#/'; });
  await page.waitForFunction(() => !document.getElementById('worklist').hidden && document.querySelector('#worklist tr.doc-row'));
}

// What the page shows of the codes.
const readCodes = (page) => page.$$eval('#codes tr.code-row', (rows) => rows.map((r) => ({
  key: r.dataset.key, state: r.dataset.state, code: r.querySelector('.code-link')?.textContent.trim(),
  role: r.querySelector('.role')?.textContent.trim(), seq: r.querySelector('.seq-number')?.textContent.trim(),
  text: r.textContent,
})));

async function waitState(page, key, state) {
  await page.waitForFunction((k, s) => {
    const row = [...document.querySelectorAll('#codes tr.code-row')].find((r) => r.dataset.key === k);
    return row && row.dataset.state === s;
  }, {}, key, state);
}

const rowSel = (key) => `#codes tr.code-row[data-key="${key.replace(/["\\]/g, '\\$&')}"]`;

async function fetchJson(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('Content-Type'), data: await r.json().catch(() => null) };
  }, path);
}
async function fetchText(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin' });
    const buf = new Uint8Array(await r.arrayBuffer());
    let head = '';
    for (const b of buf.subarray(0, 8)) head += String.fromCharCode(b);
    return { status: r.status, type: r.headers.get('Content-Type'), text: new TextDecoder().decode(buf), head, size: buf.length };
  }, path);
}

// ---------------------------------------------------------------------------------------------
// Evidence geometry on scanned pages

// In the page: every drawn evidence box with the image it lies on, and the ink under it.
function measureBoxes(control) {
  const out = [];
  const canvases = new Map();
  const pixelsOf = (img) => {
    if (canvases.has(img)) return canvases.get(img);
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d', { willReadFrequently: true });
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height);
    canvases.set(img, data);
    return data;
  };
  const ink = (img, x, y, w, h) => {
    const d = pixelsOf(img);
    let dark = 0, n = 0;
    for (let yy = Math.max(0, y); yy < Math.min(d.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(d.width, x + w); xx++) {
        const i = (yy * d.width + xx) * 4;
        const lum = 0.299 * d.data[i] + 0.587 * d.data[i + 1] + 0.114 * d.data[i + 2];
        if (lum < 128) dark++;
        n++;
      }
    }
    return { dark, n };
  };
  for (const rect of document.querySelectorAll('#pages rect.evidence-box')) {
    const page = rect.getAttribute('data-page');
    const frame = document.querySelector(`#pages div.page[data-page="${page}"]`);
    const img = frame && frame.querySelector('img');
    const svg = rect.ownerSVGElement;
    const r = rect.getBoundingClientRect(), i = img.getBoundingClientRect(), s = svg.getBoundingClientRect();
    const x = Number(rect.dataset.x), y = Number(rect.dataset.y), w = Number(rect.dataset.w), h = Number(rect.dataset.h);
    out.push({
      page: Number(page), x, y, w, h, turn: Number(frame.dataset.turn || 0),
      screen: { left: r.left, top: r.top, width: r.width, height: r.height },
      img: { left: i.left, top: i.top, width: i.width, height: i.height, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, complete: img.complete },
      svg: { left: s.left, top: s.top, width: s.width, height: s.height },
      ink: img.complete && img.naturalWidth ? ink(img, x, y, w, h) : null,
      control: control && img.complete && img.naturalWidth ? (control[page] || []).map((c) => ({ ...c, ...ink(img, c.x, c.y, c.w, c.h) })) : [],
    });
  }
  return out;
}

// The image's drawn size before the page was turned upright (a quarter turn swaps its sides).
const drawnSize = (b) => (b.turn === 90 || b.turn === 270 ? { w: b.img.height, h: b.img.width } : { w: b.img.width, h: b.img.height });

// Where a record box should be on screen, given the image as drawn and turned (clockwise).
function expectedScreen(b, page) {
  const { w: W, h: H } = drawnSize(b);
  const sx = W / page.width_px, sy = H / page.height_px;
  const u = b.x * sx, v = b.y * sy, uw = b.w * sx, vh = b.h * sy;
  const L = b.img.left, T = b.img.top;
  switch (b.turn) {
    case 90: return { left: L + H - v - vh, top: T + u, width: vh, height: uw };
    case 180: return { left: L + W - u - uw, top: T + H - v - vh, width: uw, height: vh };
    case 270: return { left: L + v, top: T + W - u - uw, width: vh, height: uw };
    default: return { left: L + u, top: T + v, width: uw, height: vh };
  }
}
function boxOff(b, page, shift = 0) {
  const e = expectedScreen(b, page);
  const s = b.screen;
  return Math.max(Math.abs(s.left + shift - e.left), Math.abs(s.top - e.top), Math.abs(s.width - e.width), Math.abs(s.height - e.height));
}

// Blank patches of a page, as big as the box, that no word box comes near (the ink control).
function blankPatches(record, pageNo, w, h) {
  const page = record.pages[pageNo - 1];
  const words = (record.words || []).filter((x) => x.page === pageNo).map((x) => x.box);
  const out = [];
  const margin = 12;
  for (let y = margin; y + h < page.height_px - margin && out.length < 3; y += Math.max(h, 8)) {
    for (let x = margin; x + w < page.width_px - margin && out.length < 3; x += Math.max(w, 8)) {
      const clear = words.every((b) => x + w + margin < b.x || b.x + b.w + margin < x || y + h + margin < b.y || b.y + b.h + margin < y);
      if (clear) out.push({ x, y, w, h });
    }
  }
  return out;
}

async function checkScan(page, record, shots) {
  const id = record.document.id, name = nameOf(record);
  await gotoChart(page, id, name);
  const { data } = await fetchJson(page, `/api/documents/${id}`);
  const review = data.review;
  const withBoxes = review.codes.filter((c) => (c.boxes || []).length);
  if (!expect(withBoxes.length > 0, `${name}: no code of the scanned chart has evidence boxes`)) return;
  const rawText = viewText(record, 'raw') || '';
  const pagesInfo = record.pages;
  let checked = 0;
  for (const code of withBoxes) {
    // The boxes the server returned are OCR words of the record.
    for (const b of code.boxes) {
      const words = (record.words || []).filter((w) => w.page === b.page);
      const inside = words.filter((w) => w.box.x >= b.x - 1 && w.box.y >= b.y - 1 && w.box.x + w.box.w <= b.x + b.w + 1 && w.box.y + w.box.h <= b.y + b.h + 1);
      expect(inside.length > 0, `${name} ${code.key}: box ${JSON.stringify(b)} covers no OCR word of the record`);
      // The words under the box are words of the evidence (OCR text, so compared loosely).
      const norm = (x) => x.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      const said = norm(inside.map((w) => byteSlice(rawText, w.begin, w.end)).join(' '));
      const evidence = norm(code.evidence.map((e) => e.text || '').join(' '));
      expect(!evidence || said.split(' ').some((t) => t && (evidence.split(' ').includes(t) || evidence.replace(/ /g, '').includes(t))),
        `${name} ${code.key}: the words under box ${JSON.stringify(b)} read "${said}", not words of the evidence "${evidence.slice(0, 160)}"`);
    }
    await page.click(`${rowSel(code.key)} button.code-link`);
    await page.waitForFunction((n) => document.querySelectorAll('#pages rect.evidence-box').length === n, {}, code.boxes.length);
    // The pages are lazy; wait for the images under the boxes.
    await page.waitForFunction(() => [...document.querySelectorAll('#pages rect.evidence-box')].every((r) => {
      const img = document.querySelector(`#pages div.page[data-page="${r.getAttribute('data-page')}"] img`);
      return img && img.complete && img.naturalWidth > 0;
    }));
    const control = {};
    for (const b of code.boxes) control[b.page] = blankPatches(record, b.page, b.w, b.h);
    const boxes = await page.evaluate(measureBoxes, control);
    expect(boxes.length === code.boxes.length, `${name} ${code.key}: ${boxes.length} boxes drawn, the review has ${code.boxes.length}`);
    for (const b of boxes) {
      const p = pagesInfo[b.page - 1];
      const where = `${name} ${code.key} page ${b.page} box ${b.x},${b.y},${b.w}x${b.h}`;
      expect(code.boxes.some((x) => x.page === b.page && x.x === b.x && x.y === b.y && x.w === b.w && x.h === b.h), `${where}: not a box of the review`);
      expect(b.img.naturalWidth === p.width_px && b.img.naturalHeight === p.height_px,
        `${where}: the page image is ${b.img.naturalWidth}x${b.img.naturalHeight}, the record's page ${p.width_px}x${p.height_px}`);
      const stretch = p.dpi_x > 0 && p.dpi_y > 0 ? p.dpi_x / p.dpi_y : 1;
      const want = (p.height_px * stretch) / p.width_px;
      const drawn = drawnSize(b);
      expect(Math.abs(drawn.h / drawn.w - want) < 0.01 * want, `${where}: the page is drawn ${drawn.w.toFixed(1)}x${drawn.h.toFixed(1)}, expected height/width ${want.toFixed(3)} (dpi ${p.dpi_x}/${p.dpi_y})`);
      expect(b.turn === (((p.rotation_deg || 0) % 360) + 360) % 360, `${where}: drawn turned ${b.turn}°, the page was corrected by ${p.rotation_deg}°`);
      expect(['left', 'top', 'width', 'height'].every((k) => Math.abs(b.svg[k] - b.img[k]) <= 1), `${where}: the overlay ${JSON.stringify(b.svg)} does not cover the image ${JSON.stringify(b.img)}`);
      const off = boxOff(b, p);
      expect(off <= 2, `${where}: drawn at ${JSON.stringify(b.screen)}, expected ${JSON.stringify(expectedScreen(b, p))} (off by ${off.toFixed(1)} px)`);
      // Self-check: the same comparison must catch a box 10 px off.
      expect(boxOff(b, p, 10) > 2, `${where}: the geometry check does not catch a box 10 px off`);
      const frac = b.ink ? b.ink.dark / Math.max(1, b.ink.n) : 0;
      expect(b.ink && b.ink.dark >= 8 && frac >= 0.03, `${where}: no ink under the box (${b.ink ? `${b.ink.dark} dark of ${b.ink.n} pixels` : 'image not readable'})`);
      // Self-check: blank paper of the same size must read as blank.
      const controls = b.control || [];
      expect(controls.length > 0, `${where}: found no blank patch to check the ink test against`);
      for (const c of controls) {
        const cf = c.dark / Math.max(1, c.n);
        expect(cf < 0.01 && cf * 3 < frac, `${where}: the blank patch at ${c.x},${c.y} reads as ink (${c.dark} of ${c.n}): the ink check proves nothing`);
      }
      checked++;
    }
    // The text below the pages marks the same evidence.
    const marked = await page.$$eval('#doc-text mark.evidence.active', (m) => m.length);
    expect(code.evidence.every((e) => e.view !== 'normalized') || marked > 0, `${name} ${code.key}: no evidence marked in the recognised text`);
  }
  const best = withBoxes.reduce((a, c) => (c.boxes.length > a.boxes.length ? c : a), withBoxes[0]);
  await page.click(`${rowSel(best.key)} button.code-link`);
  await page.waitForFunction((n) => document.querySelectorAll('#pages rect.evidence-box').length === n, {}, best.boxes.length);
  // A page fed turned is drawn upright; "as scanned" draws it as it came, the boxes still on it.
  if (pagesInfo.some((p) => (p.rotation_deg || 0) % 360)) {
    await page.click('#upright');
    const asScanned = await page.evaluate(measureBoxes, null);
    for (const b of asScanned) {
      const off = boxOff(b, pagesInfo[b.page - 1]);
      expect(b.turn === 0 && off <= 2, `${name} ${best.key} as scanned: box ${b.x},${b.y} drawn turned ${b.turn}°, off by ${off.toFixed(1)} px`);
    }
    await page.click('#upright');
    note(`${name}: ${asScanned.length} boxes also right with the page drawn as scanned`);
  }
  // A screenshot with the boxes of the code with most of them in sight.
  await sleep(150);
  await page.screenshot({ path: join(shots, `scan-evidence-${id}.png`) });
  note(`${name}: ${checked} evidence boxes over their words and over ink (page ${pagesInfo.map((p) => `${p.width_px}x${p.height_px}@${p.dpi_x}/${p.dpi_y}`).join(', ')})`);
}

// ---------------------------------------------------------------------------------------------
// Text spans: the marks and mentions the page draws are exactly the records' byte spans

function readText() {
  const box = document.getElementById('doc-text');
  const starts = new Map();
  let pos = 0;
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) { starts.set(t, pos); pos += t.data.length; }
  const range = (el) => {
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let first = null, last = null;
    for (let t = w.nextNode(); t; t = w.nextNode()) { if (!first) first = t; last = t; }
    return first ? [starts.get(first), starts.get(last) + last.data.length] : null;
  };
  return {
    text: box.textContent,
    view: box.dataset.view,
    marks: [...box.querySelectorAll('mark.evidence:not(.focus)')].map((m) => ({ key: m.dataset.codeKey, r: range(m) })).filter((x) => x.r),
    mentions: [...box.querySelectorAll('span.mention')].map((m) => ({ id: m.dataset.mentionId, r: range(m) })).filter((x) => x.r),
    sections: [...box.querySelectorAll('.doc-section')].map((s) => ({ id: s.dataset.sectionId, label: getComputedStyle(s, '::before').content })),
  };
}

function union(ranges) {
  const s = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out = [];
  for (const [a, b] of s) {
    if (out.length && a <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], b);
    else out.push([a, b]);
  }
  return out;
}
const sameRanges = (a, b) => JSON.stringify(union(a)) === JSON.stringify(union(b));

function compareSpans(name, record, review, seen) {
  const text = viewText(record, seen.view);
  if (!expect(text !== null, `${name}: the page shows the view "${seen.view}", which the record does not have`)) return 0;
  if (!expect(seen.text === text, `${name}: the text shown is not the record's ${seen.view} view (${seen.text.length} vs ${text.length} characters)`)) return 0;
  const byteAt = (i) => Buffer.byteLength(seen.text.slice(0, i), 'utf8');
  const toBytes = (r) => [byteAt(r[0]), byteAt(r[1])];
  let n = 0;
  const byKey = new Map();
  for (const m of seen.marks) { if (!byKey.has(m.key)) byKey.set(m.key, []); byKey.get(m.key).push(toBytes(m.r)); }
  for (const c of review.codes) {
    const want = (c.evidence || []).filter((e) => e.view === seen.view).map((e) => [e.begin, e.end]);
    for (const e of (c.evidence || []).filter((x) => x.view === seen.view)) {
      expect(e.text === undefined || e.text === byteSlice(text, e.begin, e.end), `${name} ${c.key}: the review's evidence text "${e.text}" is not bytes ${e.begin}-${e.end} of the record ("${byteSlice(text, e.begin, e.end)}")`);
    }
    const got = byKey.get(c.key) || [];
    expect(sameRanges(got, want), `${name} ${c.key}: marked bytes ${JSON.stringify(union(got))}, evidence ${JSON.stringify(union(want))}`);
    n += want.length;
  }
  const byMention = new Map();
  for (const m of seen.mentions) { if (!byMention.has(m.id)) byMention.set(m.id, []); byMention.get(m.id).push(toBytes(m.r)); }
  for (const m of record.mentions || []) {
    if (m.view !== seen.view || m.end <= m.begin) continue;
    expect(sameRanges(byMention.get(m.id) || [], [[m.begin, m.end]]), `${name} mention ${m.id} "${byteSlice(text, m.begin, m.end)}": underlined bytes ${JSON.stringify(union(byMention.get(m.id) || []))}, the record says ${m.begin}-${m.end}`);
    n++;
  }
  const sections = (record.sections || []).filter((s) => s.view === seen.view && s.end > s.begin);
  expect(seen.sections.length >= sections.length && seen.sections.every((s) => s.label && s.label !== 'none' && s.label !== 'normal'),
    `${name}: ${seen.sections.length} outlined sections with labels, the record has ${sections.length}`);
  return n;
}

// Self-check: an off-by-one byte must be caught, and so must a shift over a non-ASCII character.
function selfCheckSpans() {
  const t = 'Café: Iron deficiency';
  const begin = Buffer.from(t).indexOf('Iron');
  const charBegin = t.indexOf('Iron');
  expect(begin === charBegin + 1, 'self-check: the sample has no multi-byte character before the span');
  expect(!sameRanges([[begin + 1, begin + 5]], [[begin, begin + 4]]), 'self-check: an off-by-one span passes');
  expect(!sameRanges([[charBegin, charBegin + 4]], [[begin, begin + 4]]), 'self-check: a span counted in characters passes');
  expect(isLocal('http://127.0.0.1:1/x', 'http://127.0.0.1:1/') && !isLocal('http://example.com/x', 'http://127.0.0.1:1/') && !isLocal('http://127.0.0.1:2/x', 'http://127.0.0.1:1/'),
    'self-check: the foreign-request test does not tell a foreign URL');
}

// ---------------------------------------------------------------------------------------------
// Phase "decide"

async function pickReplacement(client, code, taken) {
  const tries = [code.code.replace(/\..*$/, ''), code.code.slice(0, 3), (code.display || '').split(/[ ,]+/).find((w) => w.length > 5) || ''];
  for (const q of tries.filter(Boolean)) {
    const r = await client.json('GET', `/api/codes?q=${encodeURIComponent(q)}&system=${encodeURIComponent(code.system)}&limit=30`);
    for (const x of r.data?.results || []) {
      if (!x.billable || x.code === code.code || taken.has(x.code)) continue;
      const check = await client.json('GET', `/api/codes/check?system=${encodeURIComponent(code.system)}&code=${encodeURIComponent(x.code)}`);
      if (check.data?.exists && check.data?.billable) return { ...x, query: q };
    }
  }
  return null;
}

async function pickCode(page, code) {
  // Type the code into the search and pick the result that is it.
  await page.click('#code-search', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#code-search', code);
  const li = `#code-results li.code-result[data-code="${code}"]`;
  await visible(page, li);
  await page.click(li);
  await page.waitForFunction((c) => {
    const box = document.getElementById('code-check');
    return box && box.textContent.includes(c) && /billable/.test(box.textContent) && !box.classList.contains('pending');
  }, {}, code);
  return page.$eval('#code-check', (b) => ({ text: b.textContent, cls: b.className }));
}

// Selects text in #doc-text from string index a to b, as a user's drag would.
async function selectText(page, a, b) {
  await page.evaluate((start, end) => {
    const box = document.getElementById('doc-text');
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    let pos = 0, sNode = null, sOff = 0, eNode = null, eOff = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const len = t.data.length;
      if (!sNode && start < pos + len) { sNode = t; sOff = start - pos; }
      if (!eNode && end <= pos + len) { eNode = t; eOff = end - pos; }
      pos += len;
    }
    const range = document.createRange();
    range.setStart(sNode, sOff);
    range.setEnd(eNode, eOff);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }, a, b);
}

async function decide(base, outputDir, shots, stateFile) {
  const records = await loadRecords(outputDir);
  selfCheckSpans();
  const client = new Client(base);
  await httpChecks(client, records);

  const all = [...records.values()];
  const byName = (n) => all.find((r) => nameOf(r) === n);
  const scans = all.filter((r) => (r.pages || []).length);
  const typed = all.filter((r) => !(r.pages || []).length);
  expect(scans.length > 0, 'the run wrote no scanned chart');
  const state = { docs: {} };
  const remember = (r) => {
    const id = r.document.id;
    if (!state.docs[id]) state.docs[id] = { name: nameOf(r), codes: {}, status: null, queries: [], reasons: [] };
    return state.docs[id];
  };

  const browser = await launch();
  try {
    const page = await openPage(browser, base);

    // Self-check of the watchers: a logged error must be caught.
    const before = problems.length;
    await page.goto(base, { waitUntil: 'load' });
    muted = true;
    await page.evaluate(() => console.error('checker self-test'));
    await sleep(200);
    const caught = problems.splice(before, problems.length - before);
    muted = false;
    expect(caught.length === 1 && /checker self-test/.test(caught[0]), `self-check: a console error in the page was caught as ${JSON.stringify(caught)}`);

    // ---- Worklist --------------------------------------------------------------------------
    console.log('Worklist');
    await page.goto(base, { waitUntil: 'networkidle0' });
    await page.waitForFunction((n) => document.querySelectorAll('#worklist tr.doc-row').length === n, {}, records.size);
    const names = await page.$$eval('#worklist tr.doc-row a.doc-link', (as) => as.map((a) => a.textContent));
    expect(JSON.stringify([...names].sort()) === JSON.stringify(all.map(nameOf).sort()), `the worklist shows ${JSON.stringify(names)}`);
    const header = await page.evaluate(() => ({ user: document.getElementById('session-user').textContent, count: document.getElementById('worklist-count').textContent, focus: document.activeElement?.id }));
    expect(/\(coder\)/.test(header.user), `the header bar shows the user as "${header.user}"`);
    expect(header.count.includes(String(records.size)), `the worklist count says "${header.count}"`);
    note(`${names.length} documents listed, user "${header.user}"`);

    // Sorting by a column, both ways.
    await page.click('#worklist-head th[data-col="code_count"] button');
    let counts = await page.$$eval('#worklist tr.doc-row td.col-code_count', (tds) => tds.map((t) => Number(t.textContent)));
    expect(counts.every((c, i) => i === 0 || counts[i - 1] >= c) && await page.$eval('#worklist-head th[data-col="code_count"]', (th) => th.getAttribute('aria-sort')) === 'descending', `sorted by codes (descending): ${counts}`);
    await page.click('#worklist-head th[data-col="code_count"] button');
    counts = await page.$$eval('#worklist tr.doc-row td.col-code_count', (tds) => tds.map((t) => Number(t.textContent)));
    expect(counts.every((c, i) => i === 0 || counts[i - 1] <= c), `sorted by codes (ascending): ${counts}`);
    await page.click('#worklist-head th[data-col="source_name"] button');
    const sortedNames = await page.$$eval('#worklist tr.doc-row a.doc-link', (as) => as.map((a) => a.textContent));
    expect(JSON.stringify(sortedNames) === JSON.stringify([...sortedNames].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))), `sorted by name: ${sortedNames}`);

    // Filters.
    await page.click('#filter-needs-review');
    const needing = await page.$$eval('#worklist tr.doc-row', (rows) => rows.map((r) => r.dataset.id));
    const docsApi = (await client.json('GET', '/api/documents')).data.documents;
    const wantNeeding = docsApi.filter((d) => d.codes_needing_review > 0 || d.flags.length > 0).map((d) => d.id).sort();
    expect(JSON.stringify([...needing].sort()) === JSON.stringify(wantNeeding), `"needs review" shows ${needing}, expected ${wantNeeding}`);
    await page.click('#filter-needs-review');
    const someCode = docsApi.flatMap((d) => d.codes)[0];
    if (someCode) {
      await page.type('#filter-code', someCode.slice(0, 3));
      await page.waitForFunction((c) => [...document.querySelectorAll('#worklist tr.doc-row')].every((r) => r.querySelector('td.col-codes').textContent.toUpperCase().replace(/\./g, '').split(' ').some((x) => x.startsWith(c))), {}, someCode.slice(0, 3).toUpperCase().replace(/\./g, ''));
      await page.click('#filter-clear');
    }

    // Keys: / searches, Enter opens, Escape comes back, j/k move.
    const scan0 = scans[0];
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id) === 'search', '"/" does not focus the search');
    await page.keyboard.type(nameOf(scan0).slice(0, 12));
    await page.waitForFunction(() => document.querySelectorAll('#worklist tr.doc-row').length === 1);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => !document.getElementById('chart').hidden && document.getElementById('chart-title').textContent === n, {}, nameOf(scan0));
    await page.waitForFunction(() => !document.getElementById('chart').hasAttribute('aria-busy'));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('worklist').hidden);
    note('"/" search, Enter opens, Escape returns');
    await page.click('#filter-clear');
    await page.focus('#worklist-table');
    const sel0 = await page.$eval('#worklist tr.doc-row.selected', (r) => r.dataset.id);
    await page.keyboard.press('Home');
    const first = await page.$eval('#worklist tr.doc-row.selected', (r) => r.dataset.id);
    await page.keyboard.press('j');
    const second = await page.$eval('#worklist tr.doc-row.selected', (r) => r.dataset.id);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    const back = await page.$eval('#worklist tr.doc-row.selected', (r) => r.dataset.id);
    const order = await page.$$eval('#worklist tr.doc-row', (rows) => rows.map((r) => r.dataset.id));
    expect(first === order[0] && second === order[1] && back === order[1], `j/k/ArrowDown move the selection wrongly (${sel0} ${first} ${second} ${back})`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => !document.getElementById('chart').hidden && !document.getElementById('chart').hasAttribute('aria-busy') && document.getElementById('chart-title').textContent === n, {}, nameOf(records.get(order[1])));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('worklist').hidden);
    note('j/k select, Enter opens the selected document');

    // ---- Scanned charts: boxes on the words ----------------------------------------------------
    console.log('Scanned charts');
    for (const r of scans) await checkScan(page, r, shots);

    // ---- Every chart: the marks are the byte spans -------------------------------------------
    console.log('Text spans');
    for (const r of all) {
      await gotoChart(page, r.document.id, nameOf(r));
      const { data } = await fetchJson(page, `/api/documents/${r.document.id}`);
      const seen = await page.evaluate(readText);
      const n = compareSpans(nameOf(r), r, data.review, seen);
      const nonAscii = Buffer.byteLength(seen.text) !== seen.text.length;
      note(`${nameOf(r)}: ${n} evidence spans and mentions at their bytes${nonAscii ? ' (non-ASCII text)' : ''}`);
    }

    // A mention's popover: a negated one with its trigger.
    const withNegation = typed.find((r) => (r.mentions || []).some((m) => m.assertion?.status === 'negated' && (m.assertion.triggers || []).length)) || typed[0];
    const neg = (withNegation.mentions || []).find((m) => m.assertion?.status === 'negated' && (m.assertion.triggers || []).length);
    if (expect(neg, 'no chart has a negated mention with a trigger')) {
      await gotoChart(page, withNegation.document.id, nameOf(withNegation));
      const sel = `#doc-text span.mention[data-mention-id="${neg.id}"]`;
      await page.$eval(sel, (e) => e.scrollIntoView({ block: 'center' }));
      await page.click(sel);
      await visible(page, '#popover');
      const pop = await page.$eval('#popover', (p) => p.textContent);
      const text = viewText(withNegation, neg.view);
      const trig = neg.assertion.triggers[0];
      const trigText = byteSlice(text, trig.begin, trig.end);
      expect(pop.includes(neg.matched_term) && pop.includes('negated') && pop.includes(trig.type) && pop.includes(trigText),
        `the popover of ${neg.id} says "${pop.replace(/\s+/g, ' ')}", expected ${neg.matched_term}, negated, ${trig.type} "${trigText}"`);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.getElementById('popover').hidden && !document.getElementById('chart').hidden);
      note(`popover of "${neg.matched_term}": negated by "${trigText}"; Escape closes it and stays on the chart`);
    }

    // ---- Decisions -----------------------------------------------------------------------------
    console.log('Decisions');
    const main = byName('history-and-physical-pneumonia.txt') || typed.reduce((a, r) => ((r.codes || []).length > (a.codes || []).length ? r : a), typed[0]);
    const mainId = main.document.id;
    const mainState = remember(main);
    await gotoChart(page, mainId, nameOf(main));
    let review = (await fetchJson(page, `/api/documents/${mainId}`)).data.review;
    const codes = [...review.codes].sort((a, b) => a.sequence - b.sequence);
    expect(codes.length >= 4, `${nameOf(main)} has ${codes.length} codes; the test needs 4`);
    const [cAccept, cReject, ...rest] = codes;

    await page.click(`${rowSel(cAccept.key)} button.accept`);
    await waitState(page, cAccept.key, 'accepted');
    mainState.codes[cAccept.key] = { state: 'accepted', code: cAccept.code };
    note(`accepted ${cAccept.key}`);

    await page.click(`${rowSel(cReject.key)} button.reject`);
    await visible(page, '#reject-reason');
    const rejectReason = 'not supported by the documentation (browser test)';
    await page.type('#reject-reason', rejectReason);
    await page.click('#reject-confirm');
    await waitState(page, cReject.key, 'rejected');
    expect((await page.$eval(rowSel(cReject.key), (r) => r.textContent)).includes(rejectReason), 'the rejected row does not show the reason');
    mainState.codes[cReject.key] = { state: 'rejected', code: cReject.code, reason: rejectReason };
    mainState.reasons.push(rejectReason);
    note(`rejected ${cReject.key} with a reason`);

    const taken = new Set(codes.map((c) => c.code));
    let cEdit = null, replacement = null;
    for (const c of rest) { replacement = await pickReplacement(client, c, taken); if (replacement) { cEdit = c; break; } }
    if (expect(cEdit, `no code of ${nameOf(main)} has a billable sibling in /api/codes to edit it to`)) {
      await page.click(`${rowSel(cEdit.key)} button.edit`);
      await visible(page, '#code-search');
      const prefilled = await page.$eval('#code-search', (i) => i.value);
      expect(prefilled.length > 0, 'the edit search starts empty');
      const check = await pickCode(page, replacement.code);
      expect(/billable/.test(check.text) && !/not billable/.test(check.text), `#code-check for ${replacement.code} says "${check.text}"`);
      const editReason = `more specific per documentation (browser test): ${replacement.code}`;
      await page.type('#edit-reason', editReason);
      await page.waitForFunction(() => !document.getElementById('edit-confirm').disabled);
      await page.click('#edit-confirm');
      await page.waitForFunction((code) => [...document.querySelectorAll('#codes tr.code-row')].some((r) => r.dataset.state === 'edited' && r.querySelector('.code-link').textContent.trim() === code), {}, replacement.code);
      const row = (await readCodes(page)).find((r) => r.state === 'edited');
      expect(row.key === cEdit.key, `the edited code's key changed from ${cEdit.key} to ${row.key}`);
      mainState.codes[row.key] = { state: 'edited', code: replacement.code, reason: editReason };
      mainState.reasons.push(editReason);
      note(`edited ${cEdit.key} to ${replacement.code} (searched, checked: "${check.text.replace(/\s+/g, ' ').trim()}")`);
    }

    const cPrincipal = rest.find((c) => c !== cEdit && c.role !== 'principal' && c.role !== 'procedure') || rest.find((c) => c.role !== 'principal');
    if (expect(cPrincipal, 'no code to make principal')) {
      await page.click(`${rowSel(cPrincipal.key)} button.principal`);
      await page.waitForFunction((sel) => {
        const r = document.querySelector(sel);
        return r && /principal|first/i.test(r.querySelector('.role').textContent) && r.querySelector('.seq-number').textContent.trim() === '1';
      }, {}, rowSel(cPrincipal.key));
      mainState.codes[cPrincipal.key] = { ...(mainState.codes[cPrincipal.key] || { state: 'proposed', code: cPrincipal.code }), principal: true };
      note(`made ${cPrincipal.key} principal`);
    }
    await page.click(`${rowSel(cAccept.key)} button.code-link`);
    await sleep(150);
    await page.screenshot({ path: join(shots, 'chart-typed.png') });
    const codesPanel = await page.$('#codes');
    await codesPanel.screenshot({ path: join(shots, 'codes-panel.png') });

    await page.click('#approve');
    await page.waitForFunction(() => document.getElementById('doc-status').dataset.status === 'approved');
    mainState.status = 'approved';
    review = (await fetchJson(page, `/api/documents/${mainId}`)).data.review;
    expect(review.status === 'approved', `after approving, the review's status is ${review.status}`);
    for (const c of review.codes) {
      if (!mainState.codes[c.key]) mainState.codes[c.key] = { state: c.state, code: c.code, byApproval: true };
      else mainState.codes[c.key].state = c.state;
    }
    expect(review.codes.every((c) => c.state !== 'proposed' || c.needs_review), `approval left proposed codes that need no review: ${review.codes.filter((c) => c.state === 'proposed').map((c) => c.key)}`);
    const history = await page.$$eval('#history-list li', (l) => l.length);
    expect(history >= 5, `the decision history lists ${history} decisions, expected 5 or more`);
    note(`approved ${nameOf(main)}; history lists ${history} decisions`);

    // Add a code from selected text after a non-ASCII character (byte offsets, not characters).
    const multi = typed.find((r) => { const t = viewText(r, 'normalized') || ''; return Buffer.byteLength(t) !== t.length; });
    if (expect(multi, 'no typed chart has non-ASCII text')) {
      const t = viewText(multi, 'normalized');
      const firstWide = [...t].findIndex((ch) => ch.charCodeAt(0) > 127);
      const after = t.slice(firstWide);
      // A phrase after the non-ASCII character that /api/codes finds a billable code for.
      const candidates = [['chronic occult gastrointestinal blood loss', 'D50.0', 'D50'], ['Positive FIT', 'R19.5', 'R19'], ['Iron deficiency anemia', 'iron deficiency anemia', 'D50']];
      let phrase = null, code = null;
      const existing = new Set((multi.codes || []).map((c) => c.code));
      for (const [p, q, prefer] of candidates) {
        if (!after.includes(p)) continue;
        const res = await client.json('GET', `/api/codes?q=${encodeURIComponent(q)}&system=ICD-10-CM&limit=30`);
        const usable = (res.data?.results || []).filter((x) => x.billable && !existing.has(x.code));
        const hit = usable.find((x) => x.code.startsWith(prefer)) || usable[0];
        if (hit) { phrase = p; code = hit.code; break; }
      }
      if (!phrase) {
        // Any word after it that the code search knows.
        for (const w of after.match(/[A-Za-z]{6,}/g) || []) {
          const res = await client.json('GET', `/api/codes?q=${encodeURIComponent(w)}&system=ICD-10-CM&limit=30`);
          const hit = (res.data?.results || []).find((x) => x.billable && !existing.has(x.code));
          if (hit) { phrase = w; code = hit.code; break; }
        }
      }
      if (expect(phrase, `no phrase after the non-ASCII character of ${nameOf(multi)} finds a code in /api/codes`)) {
        const charBegin = t.indexOf(phrase, firstWide);
        const wantBegin = Buffer.byteLength(t.slice(0, charBegin)), wantEnd = wantBegin + Buffer.byteLength(phrase);
        expect(wantBegin !== charBegin, 'self-check: the selection does not come after a multi-byte character');
        const multiState = remember(multi);
        await gotoChart(page, multi.document.id, nameOf(multi));
        await selectText(page, charBegin, charBegin + phrase.length);
        await page.waitForFunction(() => !document.getElementById('add-code').disabled);
        const label = await page.$eval('#selection-label', (l) => l.textContent);
        expect(label.includes(phrase.slice(0, 20)), `the selection label says "${label}"`);
        await page.click('#add-code');
        await visible(page, '#code-search');
        const check = await pickCode(page, code);
        expect(/billable/.test(check.text), `#code-check for ${code} says "${check.text}"`);
        await page.waitForFunction(() => !document.getElementById('edit-confirm').disabled);
        await page.click('#edit-confirm');
        await page.waitForFunction((c) => [...document.querySelectorAll('#codes tr.code-row')].some((r) => r.dataset.state === 'added' && r.querySelector('.code-link').textContent.trim() === c), {}, code);
        const rv = (await fetchJson(page, `/api/documents/${multi.document.id}`)).data.review;
        const added = rv.codes.find((c) => c.state === 'added' && c.code === code);
        const ev = added?.evidence?.[0];
        expect(ev && ev.view === 'normalized' && ev.begin === wantBegin && ev.end === wantEnd,
          `the added ${code} has evidence ${JSON.stringify(ev)}, expected normalized ${wantBegin}-${wantEnd} ("${phrase}"; characters ${charBegin}-${charBegin + phrase.length})`);
        expect(ev && (ev.text === undefined || ev.text === phrase), `the added code's evidence text is "${ev?.text}"`);
        const marked = await page.$$eval(`#doc-text mark.evidence[data-code-key="${added.key}"]`, (m) => m.map((x) => x.textContent).join(''));
        expect(marked === phrase, `the added code marks "${marked}" in the text, expected "${phrase}"`);
        multiState.codes[added.key] = { state: 'added', code, evidence: [wantBegin, wantEnd] };
        note(`added ${code} for "${phrase}" at bytes ${wantBegin}-${wantEnd} (characters ${charBegin}-${charBegin + phrase.length})`);

        // Keys: select a code with j, accept it with a.
        const proposed = rv.codes.filter((c) => c.state === 'proposed').sort((a, b) => a.sequence - b.sequence);
        if (proposed.length) {
          const target = proposed[0];
          const rows = await page.$$eval('#codes tr.code-row', (rs) => rs.map((r) => ({ key: r.dataset.key, selected: r.classList.contains('selected') })));
          const from = rows.findIndex((r) => r.selected);
          const to = rows.findIndex((r) => r.key === target.key);
          const steps = from < 0 ? to + 1 : to - from;
          await page.evaluate(() => document.activeElement && document.activeElement.blur());
          for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'j' : 'k');
          expect(await page.$eval('#codes tr.code-row.selected', (r) => r.dataset.key) === target.key, `keyboard: j/k did not select ${target.key}`);
          await page.keyboard.press('a');
          await waitState(page, target.key, 'accepted');
          multiState.codes[target.key] = { state: 'accepted', code: target.code };
          note(`keyboard: ${Math.abs(steps)} × ${steps > 0 ? 'j' : 'k'} then a accepted ${target.key}`);
        }
      }
    }

    // A refused approval (a code needing review still proposed) is shown, then a return.
    const needy = all.find((r) => (r.codes || []).some((c) => c.needs_review));
    if (expect(needy, 'no chart has a code needing review')) {
      const ns = remember(needy);
      await gotoChart(page, needy.document.id, nameOf(needy));
      page.allow(409);
      await page.click('#approve');
      await page.waitForFunction(() => { const m = document.getElementById('message'); return m && !m.hidden && m.classList.contains('error'); });
      const msg = await page.$eval('#message', (m) => m.textContent);
      const pending = needy.codes.filter((c) => c.needs_review);
      expect(/409/.test(msg) && pending.some((c) => msg.includes(c.code)), `the refused approval shows "${msg}", expected the 409 and ${pending.map((c) => c.code)}`);
      expect(await page.$eval('#doc-status', (s) => s.dataset.status) !== 'approved', 'the refused approval shows the document approved');
      note(`refused approval shown: "${msg.replace(/\s+/g, ' ').trim().slice(0, 140)}"`);
      await page.click('#return');
      await visible(page, '#return-note');
      const returnNote = 'please clarify the pain documentation (browser test)';
      await page.type('#return-note', returnNote);
      await page.click('#return-confirm');
      await page.waitForFunction(() => document.getElementById('doc-status').dataset.status === 'returned');
      ns.status = 'returned';
      ns.reasons.push(returnNote);
      note(`returned ${nameOf(needy)} with a note`);
    }

    // ---- Physician query -------------------------------------------------------------------------
    console.log('Physician query');
    let qDoc = null, suggestion = null;
    for (const r of [byName('discharge-summary-chf.txt'), ...all].filter(Boolean)) {
      const s = await client.json('GET', `/api/documents/${r.document.id}/query-suggestions`);
      expect(s.status === 200 && Array.isArray(s.data?.suggestions), `GET query-suggestions of ${nameOf(r)} answered ${s.status}`);
      if (s.data?.suggestions?.length) { qDoc = r; suggestion = s.data.suggestions[0]; break; }
    }
    expect(qDoc, 'no chart has a physician query suggestion');
    {
      // Without a suggestion, a blank query goes through the same steps.
      if (!qDoc) qDoc = byName('discharge-summary-chf.txt') || typed[0];
      const qs = remember(qDoc);
      await gotoChart(page, qDoc.document.id, nameOf(qDoc));
      await page.click('#new-query');
      await visible(page, '#query-suggestions button.query-suggestion');
      if (suggestion) await page.click('#query-suggestions button.query-suggestion[data-index="0"]');
      else {
        await page.click('#query-suggestions button.query-suggestion.blank');
        await visible(page, '#query-title');
        await page.$eval('#query-title', (t) => { t.value = ''; });
        await page.type('#query-title', 'Heart failure specificity');
        await page.type('#query-question', 'Can the type and acuity of the heart failure be further specified?');
        suggestion = { template: 'custom', question: 'Can the type and acuity of the heart failure be further specified?' };
      }
      await visible(page, '#query-question');
      const shown = await page.$eval('#query-question', (q) => q.value);
      expect(shown === suggestion.question, `the query form shows "${shown}", the suggestion "${suggestion.question}"`);
      const extra = ' Please document your clinical judgment in the progress notes.';
      await page.focus('#query-question');
      await page.$eval('#query-question', (q) => q.setSelectionRange(q.value.length, q.value.length));
      await page.keyboard.type(extra);
      const edited = (suggestion.question + extra).trim();
      const formShot = await page.$('#queries');
      await formShot.screenshot({ path: join(shots, 'physician-query-form.png') });
      await page.click('#query-create');
      await visible(page, '#query-list li.query[data-status="open"]');
      const q = await page.$eval('#query-list li.query', (li) => ({ id: li.dataset.queryId, txt: li.querySelector('a.query-txt').getAttribute('href'), pdf: li.querySelector('a.query-pdf').getAttribute('href') }));
      const txt = await fetchText(page, q.txt);
      expect(txt.status === 200 && /text\/plain/.test(txt.type || '') && txt.text.includes(edited), `${q.txt} answered ${txt.status} ${txt.type} without the edited question`);
      const pdf = await fetchText(page, q.pdf);
      expect(pdf.status === 200 && /application\/pdf/.test(pdf.type || '') && pdf.head.startsWith('%PDF-') && pdf.size > 400, `${q.pdf} answered ${pdf.status} ${pdf.type} ${pdf.size} bytes starting "${pdf.head}"`);
      await page.$eval('#query-list li.query details', (d) => { d.open = true; });
      await page.$eval('#queries', (e) => e.scrollIntoView({ block: 'start' }));
      const listShot = await page.$('#queries');
      await listShot.screenshot({ path: join(shots, 'physician-query.png') });
      // The physician answers.
      await page.click(`#query-list li.query[data-query-id="${q.id}"] button.query-answer`);
      await visible(page, `#query-list li.query[data-query-id="${q.id}"] input.answer-input`);
      const answer = 'Acute on chronic systolic heart failure (browser test)';
      await page.type(`#query-list li.query[data-query-id="${q.id}"] input.answer-input`, answer);
      await page.click(`#query-list li.query[data-query-id="${q.id}"] button.answer-confirm`);
      await visible(page, `#query-list li.query[data-query-id="${q.id}"][data-status="answered"]`);
      qs.queries.push({ id: q.id, status: 'answered', question: edited, answer });
      note(`query ${q.id} (${suggestion.template}) created with an edited question, .txt and .pdf served, answered`);
    }

    // ---- Everything still there after a reload ----------------------------------------------------
    console.log('Reload');
    await page.reload({ waitUntil: 'networkidle0' });
    await verifyState(page, state, 'after a reload');
    await backToList(page);
    await page.screenshot({ path: join(shots, 'worklist.png') });

    // ---- The export ---------------------------------------------------------------------------------
    for (const format of ['json', 'csv']) {
      const ex = await fetchText(page, `/api/export?format=${format}`);
      expect(ex.status === 200, `GET /api/export?format=${format} answered ${ex.status}`);
      for (const doc of Object.entries(state.docs)) {
        expect(ex.text.includes(doc[0]), `the ${format} export does not name ${doc[0]}`);
        for (const reason of doc[1].reasons) expect(ex.text.includes(reason), `the ${format} export lacks "${reason}"`);
      }
    }
    const agreement = await fetchJson(page, '/api/agreement');
    expect(agreement.status === 200 && agreement.data && typeof agreement.data === 'object', `GET /api/agreement answered ${agreement.status}`);
    await page.evaluate(() => { location.hash = '#/agreement'; });
    await page.waitForFunction(() => !document.getElementById('agreement').hidden && !/Loading/.test(document.getElementById('agreement-body').textContent));
    note('export (json, csv) names every decided document and reason; agreement shown');
    await page.close();

    // ---- 10,000 documents ---------------------------------------------------------------------------
    console.log('10,000 documents');
    await bigWorklist(browser, base);
  } finally {
    await browser.close();
  }
  await writeFile(stateFile, JSON.stringify(state, null, 2));
}

// What STATE_FILE expects, as the page shows it.
async function verifyState(page, state, when) {
  const before = problems.length;
  for (const [id, want] of Object.entries(state.docs)) {
    await gotoChart(page, id, want.name);
    const rows = await readCodes(page);
    for (const [key, c] of Object.entries(want.codes)) {
      const row = rows.find((r) => r.key === key);
      if (!expect(row, `${when}: ${want.name} has no row ${key}`)) continue;
      expect(row.state === c.state && row.code === c.code, `${when}: ${want.name} ${key} shows ${row.state} ${row.code}, expected ${c.state} ${c.code}`);
      if (c.reason) expect(row.text.includes(c.reason), `${when}: ${want.name} ${key} does not show the reason "${c.reason}"`);
      if (c.principal) expect(row.seq === '1' && /principal|first/i.test(row.role), `${when}: ${want.name} ${key} is no longer principal (${row.seq} ${row.role})`);
    }
    if (want.status) {
      const status = await page.$eval('#doc-status', (s) => s.dataset.status);
      expect(status === want.status, `${when}: ${want.name} shows status ${status}, expected ${want.status}`);
    }
    for (const q of want.queries) {
      const shown = await page.$eval(`#query-list li.query[data-query-id="${q.id}"]`, (li) => ({ status: li.dataset.status, text: li.textContent })).catch(() => null);
      expect(shown && shown.status === q.status && shown.text.includes(q.answer), `${when}: ${want.name} query ${q.id} shows ${JSON.stringify(shown?.status)}, expected ${q.status} with the answer`);
    }
    const history = await page.$$eval('#history-list li', (l) => l.length);
    if (Object.keys(want.codes).length || want.status) expect(history > 0, `${when}: ${want.name} lists no decision in its history`);
  }
  // The worklist tells the statuses too.
  await backToList(page);
  for (const [id, want] of Object.entries(state.docs)) {
    if (!want.status) continue;
    const s = await page.$eval(`#worklist tr.doc-row[data-id="${id}"]`, (r) => r.dataset.status).catch(() => null);
    expect(s === want.status, `${when}: the worklist shows ${want.name} as ${s}, expected ${want.status}`);
  }
  if (problems.length === before) note(`${when}: ${Object.keys(state.docs).length} documents show every decision`);
}

// The worklist with 10,000 documents (the server's list replaced in the browser): time to the
// first painted rows, rows kept in the DOM, scrolling to the end, sorting and searching.
async function bigWorklist(browser, base) {
  const page = await openPage(browser, base);
  const N = 10000;
  const types = [['discharge_summary', 'Discharge summary'], ['operative', 'Surgical operation note'], ['pathology', 'Pathology study'], ['progress', 'Progress note']];
  const docs = [];
  for (let i = 0; i < N; i++) {
    const t = types[i % types.length];
    docs.push({
      id: `doc-${(0x1000000000000000 + i * 7919).toString(16).slice(0, 16).padStart(16, '0')}`, source_name: `chart-${String(i).padStart(5, '0')}.txt`,
      media_type: 'text/plain', page_count: 0, document_type: t[0], document_type_display: t[1], policy: i % 3 ? 'inpatient' : 'outpatient',
      kind: i % 10 ? 'coding' : 'registry', status: ['to_review', 'in_progress', 'approved', 'returned'][i % 4], code_count: i % 13, codes_needing_review: i % 17 === 0 ? 1 : 0,
      codes: ['I10', 'E11.9', 'J18.9', 'N18.3'].slice(0, 1 + (i % 4)), flags: i % 17 === 0 ? ['a vague code (Pain, unspecified) and the chart names nothing more exact: check the chart for the condition'] : [],
      open_queries: i % 29 === 0 ? 1 : 0, changed: i % 97 === 0, decided_at: '',
    });
  }
  const body = JSON.stringify({ documents: docs, total: N });
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.isInterceptResolutionHandled()) return;
    if (new URL(r.url()).pathname === '/api/documents') r.respond({ status: 200, contentType: 'application/json', body });
    else r.continue();
  });
  await page.evaluateOnNewDocument(() => {
    window.__firstRows = 0;
    new MutationObserver((_, obs) => {
      if (document.querySelector('#worklist tr.doc-row')) { window.__firstRows = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstRows > 0, { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const t = await page.evaluate(() => ({ rows: window.__firstRows, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, dom: document.querySelectorAll('#worklist tr.doc-row').length, count: document.getElementById('worklist-count').textContent }));
  // Times are reported, never asserted (a noisy CI machine is no benchmark): scripts/bench-review.sh measures them.
  expect(t.dom > 10 && t.dom < 200, `10,000 documents: ${t.dom} rows in the DOM`);
  expect(t.count.includes('10000'), `10,000 documents: the count says "${t.count}"`);
  // Scroll to the end: the last document is drawn and the rows stay few.
  await page.$eval('#worklist-scroll', (s) => { s.scrollTop = s.scrollHeight; });
  await page.waitForFunction(() => [...document.querySelectorAll('#worklist tr.doc-row a.doc-link')].some((a) => a.textContent === 'chart-09999.txt'));
  const lastVisible = await page.evaluate(() => {
    const a = [...document.querySelectorAll('#worklist tr.doc-row a.doc-link')].find((x) => x.textContent === 'chart-09999.txt');
    const r = a.getBoundingClientRect(), s = document.getElementById('worklist-scroll').getBoundingClientRect();
    return { inside: r.top >= s.top && r.bottom <= s.bottom + 1, dom: document.querySelectorAll('#worklist tr.doc-row').length };
  });
  expect(lastVisible.inside && lastVisible.dom < 200, `10,000 documents: scrolled to the end, the last row is ${lastVisible.inside ? '' : 'not '}in sight with ${lastVisible.dom} rows in the DOM`);
  // Keys over the whole list.
  await page.focus('#worklist-table');
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  const sel = await page.$eval('#worklist tr.doc-row.selected a.doc-link', (a) => a.textContent).catch(() => null);
  expect(sel === 'chart-09999.txt', `10,000 documents: End selects ${sel}`);
  // Sorting and searching stay quick.
  const sortMs = await page.evaluate(() => { const t0 = performance.now(); document.querySelector('#worklist-head th[data-col="code_count"] button').click(); return performance.now() - t0; });
  expect(Number.isFinite(sortMs), `10,000 documents: sorting did not finish`);
  const searchMs = await page.evaluate(() => {
    const s = document.getElementById('search');
    const t0 = performance.now();
    s.value = 'chart-0123';
    s.dispatchEvent(new Event('input'));
    return performance.now() - t0;
  });
  const found = await page.$$eval('#worklist tr.doc-row', (r) => r.length);
  expect(found === 10, `10,000 documents: searching found ${found} (expected 10)`);
  note(`10,000 documents: first rows after ${t.rows.toFixed(0)} ms (first contentful paint ${t.fcp === null ? '?' : t.fcp.toFixed(0)} ms), ${t.dom} rows in the DOM, sort ${sortMs.toFixed(0)} ms, search ${searchMs.toFixed(0)} ms`);
  await page.close();
}

// ---------------------------------------------------------------------------------------------
// Phase "persisted": after a restart of the server

async function persisted(base, outputDir, shots, stateFile) {
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  const browser = await launch();
  try {
    const page = await openPage(browser, base);
    await page.goto(base, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#worklist tr.doc-row');
    await verifyState(page, state, 'after a server restart');
    await page.close();
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Phase "users": with a users file, sign-in first; a reader sees everything and changes nothing

const USERS = { coder: ['coder1', 'coder-password-1'], reader: ['reader1', 'reader-password-1'] };

async function signIn(page, [user, password], wrong = false) {
  await visible(page, '#login-user');
  await page.click('#login-user', { clickCount: 3 });
  await page.type('#login-user', user);
  await page.click('#login-password', { clickCount: 3 });
  await page.type('#login-password', wrong ? `${password}-wrong` : password);
  if (wrong) page.allow(401);
  await page.click('#login-submit');
  if (wrong) {
    await visible(page, '#login-error');
    return page.$eval('#login-error', (e) => e.textContent);
  }
  await page.waitForFunction(() => document.getElementById('login').hidden && !document.getElementById('worklist').hidden && document.querySelector('#worklist tr.doc-row'));
  return page.$eval('#session-user', (e) => e.textContent);
}

async function users(base, outputDir, shots, stateFile) {
  const records = await loadRecords(outputDir);
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  const untouched = [...records.values()].find((r) => !state.docs[r.document.id] && (r.codes || []).length >= 2);
  if (!expect(untouched, 'no undecided chart with codes left for the sign-in checks')) return;
  const id = untouched.document.id, name = nameOf(untouched);

  const client = new Client(base);
  const s = await client.json('GET', '/api/session');
  expect(s.status === 401 && s.data?.login_required === true, `GET /api/session without signing in answered ${s.status} ${s.body}`);
  const bad = await client.json('POST', '/api/login', { user: USERS.coder[0], password: 'not-the-password' });
  expect(bad.status === 401, `a wrong password answered ${bad.status}`);
  const anon = await client.json('POST', `/api/documents/${id}/decisions`, { action: 'accept', key: untouched.codes[0].system + '|' + untouched.codes[0].code });
  expect(anon.status === 401 || anon.status === 403, `a decision without signing in answered ${anon.status}`);

  const browser = await launch();
  try {
    const page = await openPage(browser, base);
    page.allow(401);  // the session probe before signing in
    await page.goto(base, { waitUntil: 'networkidle0' });
    await visible(page, '#login-form');
    expect(await page.evaluate(() => document.activeElement?.id) === 'login-user', 'the sign-in form does not take the focus');
    const refused = await signIn(page, USERS.reader, true);
    expect(/refused|wrong|password|sign/i.test(refused), `a wrong password shows "${refused}"`);
    await page.screenshot({ path: join(shots, 'sign-in.png') });
    const who = await signIn(page, USERS.reader);
    expect(who.includes('reader1') && who.includes('reader'), `the header bar shows "${who}" for reader1`);

    await gotoChart(page, id, name);
    const changers = await page.$$eval('#chart button.accept, #chart button.reject, #chart button.edit, #chart button.principal, #chart button.reopen, #approve, #return, #add-code, #new-query',
      (bs) => bs.filter((b) => b.offsetParent !== null).map((b) => b.id || b.className));
    expect(changers.length === 0, `a reader sees the buttons ${changers.join(', ')}`);
    const first = untouched.codes[0];
    await page.click(`#codes tr.code-row button.code-link`);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press('a');
    await sleep(300);
    const states = await page.$$eval('#codes tr.code-row', (rows) => rows.map((r) => r.dataset.state));
    expect(states.every((x) => x === 'proposed'), `a reader's "a" key changed a code: ${states}`);
    page.allow(403);
    const post = await page.evaluate(async (docId, key) => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      const r = await fetch(`/api/documents/${docId}/decisions`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf }, body: JSON.stringify({ action: 'accept', key }) });
      return r.status;
    }, id, `${first.system}|${first.code}`);
    expect(post === 403, `a reader's decision (with the CSRF token) answered ${post}`);
    note('reader: no change buttons, keys change nothing, the server refuses (403)');

    page.allow(401);  // the session probe after signing out
    await page.click('#logout');
    await visible(page, '#login-form');
    const coder = await signIn(page, USERS.coder);
    expect(coder.includes('coder1') && coder.includes('coder'), `the header bar shows "${coder}" for coder1`);
    await gotoChart(page, id, name);
    const buttons = await page.$$eval('#codes button.accept', (bs) => bs.filter((b) => b.offsetParent !== null).length);
    expect(buttons > 0, 'a coder sees no Accept button');
    note('sign-in form, a wrong password refused, sign-out, a coder signs in and can decide');
    await page.close();
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Phase "registry": the abstract of a cancer-registry run

async function registry(base, outputDir, shots, stateFile) {
  const records = await loadRecords(outputDir);
  const withTumors = [...records.values()].filter((r) => (r.tumors || []).some((t) => t.fields && Object.keys(t.fields).length));
  if (!expect(withTumors.length, 'the registry run wrote no tumour')) return;
  const browser = await launch();
  try {
    const page = await openPage(browser, base);
    await page.goto(base, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#worklist tr.doc-row');
    const kinds = await page.$$eval('#worklist tr.doc-row', (rows) => rows.map((r) => ({ id: r.dataset.id, kind: r.dataset.kind })));
    for (const r of withTumors) expect(kinds.find((k) => k.id === r.document.id)?.kind === 'registry', `${nameOf(r)} is not listed as a registry document`);
    await page.select('#filter-kind', 'registry');
    const listed = await page.$$eval('#worklist tr.doc-row', (rows) => rows.length);
    expect(listed === withTumors.length, `the kind filter "registry" lists ${listed}, expected ${withTumors.length}`);
    await page.select('#filter-kind', '');

    const r = withTumors[0];
    const id = r.document.id;
    await gotoChart(page, id, nameOf(r));
    await visible(page, '#abstract');
    const tumor = r.tumors.find((t) => t.fields && Object.keys(t.fields).length);
    const shown = await page.$$eval(`#abstract section.tumor[data-tumor="${tumor.id}"] tr.abstract-row`, (rows) => rows.map((x) => ({ field: x.dataset.field, value: x.querySelector('.current').textContent, text: x.textContent })));
    for (const [field, f] of Object.entries(tumor.fields)) {
      const row = shown.find((x) => x.field === field);
      if (!expect(row, `the abstract has no row for ${tumor.id} ${field}`)) continue;
      expect(row.value === (f.value ?? '—') || (f.value === undefined && row.value === '—'), `the abstract shows ${field} = "${row.value}", the record "${f.value}"`);
      if (f.needs_review && f.reason) expect(row.text.includes(f.reason), `the abstract does not show why ${field} needs review ("${f.reason}")`);
    }
    note(`${nameOf(r)}: tumour ${tumor.id} shows ${shown.length} fields`);
    const field = tumor.fields.primarySite ? 'primarySite' : Object.keys(tumor.fields)[0];
    const old = tumor.fields[field].value || '';
    const value = field === 'primarySite' ? (old === 'C504' ? 'C509' : 'C504') : `${old}9`;
    const reason = 'upper outer quadrant per the gross description (browser test)';
    const form = `#abstract form.abstract-form[data-tumor="${tumor.id}"][data-field="${field}"]`;
    await page.click(`${form} input.abstract-value`, { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await page.type(`${form} input.abstract-value`, value);
    await page.type(`${form} input.abstract-reason`, reason);
    await page.click(`${form} button.abstract-save`);
    await page.waitForFunction((sel, v) => { const x = document.querySelector(sel); return x && x.querySelector('.current').textContent === v; }, {}, `#abstract tr.abstract-row[data-tumor="${tumor.id}"][data-field="${field}"]`, value);
    await page.$eval('#abstract', (e) => e.scrollIntoView({ block: 'start' }));
    const shot = await page.$('#abstract');
    await shot.screenshot({ path: join(shots, 'registry-abstract.png') });
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForFunction((sel) => document.querySelector(sel), {}, `#abstract tr.abstract-row[data-tumor="${tumor.id}"][data-field="${field}"]`);
    const after = await page.$eval(`#abstract tr.abstract-row[data-tumor="${tumor.id}"][data-field="${field}"]`, (x) => ({ value: x.querySelector('.current').textContent, text: x.textContent }));
    expect(after.value === value && after.text.includes(old || '—'), `after a reload ${field} shows "${after.value}" (${after.text}), expected ${value} (was ${old})`);
    const rv = (await fetchJson(page, `/api/documents/${id}`)).data.review;
    const f = rv.tumors.find((t) => t.id === tumor.id).fields[field];
    expect(f.value === value && f.edited === true && f.proposed === old, `the review says ${field} ${JSON.stringify(f)}`);
    expect((rv.decisions || []).some((d) => d.action === 'abstract' && d.reason === reason), 'the abstract change is not in the decisions with its reason');
    note(`${field} of ${tumor.id}: ${old} -> ${value} with a reason, still there after a reload`);
    await writeFile(stateFile, JSON.stringify({ docs: { [id]: { name: nameOf(r), codes: {}, status: null, queries: [], reasons: [reason] } } }, null, 2));
    await page.close();
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Phase "reimbursement": an inpatient run with the drg-grouper and hcc-v28 stages

async function reimbursement(base, outputDir, shots, stateFile) {
  const records = await loadRecords(outputDir);
  const r = [...records.values()].find((x) => (x['reimbursement.drg'] || []).some((d) => d.status === 'grouped' && (d.what_if || []).length));
  if (!expect(r, 'the inpatient run grouped no record with a what-if hint')) return;
  const item = r['reimbursement.drg'][0];
  const hcc = (r['reimbursement.hcc'] || [])[0];
  expect(hcc && (hcc.hccs || []).length, `${nameOf(r)} has no HCC: the fixture should give one`);
  const id = r.document.id;
  const browser = await launch();
  try {
    const page = await openPage(browser, base, { viewport: { width: 1440, height: 2000 } });  // the whole panel in its screenshot
    await page.goto(base, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#worklist tr.doc-row');
    await gotoChart(page, id, nameOf(r));
    await visible(page, '#reimbursement .reimb-drg');
    const readPanel = () => page.$eval('#reimbursement', (p) => ({
      drg: p.querySelector('.drg-number')?.textContent, title: p.querySelector('.drg-title')?.textContent, meta: p.querySelector('.drg-meta')?.textContent || '',
      drivers: [...p.querySelectorAll('.drg-drivers li')].map((li) => li.textContent),
      hints: [...p.querySelectorAll('.drg-hint')].map((li) => ({ drg: li.querySelector('.hint-drg')?.textContent, text: li.textContent, query: Boolean(li.querySelector('button.hint-query')) })),
      hccs: [...p.querySelectorAll('.hcc-list li.hcc')].map((li) => ({ hcc: li.dataset.hcc, text: li.textContent })),
      stale: p.querySelector('.reimb-stale')?.textContent || '',
      reviewed: p.querySelector('.reviewed-drg-number')?.textContent || '',
    }));
    const shown = await readPanel();
    const f = item.final;
    expect(shown.drg === String(f.drg), `the panel shows MS-DRG ${shown.drg}, the record ${f.drg}`);
    expect(shown.title === f.title, `the panel's DRG title is "${shown.title}", the record's "${f.title}"`);
    expect(shown.meta.includes(`MDC ${f.mdc}`), `the panel does not show MDC ${f.mdc}: "${shown.meta}"`);
    for (const d of item.drivers || []) expect(shown.drivers.some((t) => t.includes(d.code)), `the panel does not list ${d.code} among the codes that drove the DRG`);
    expect(shown.hints.length === item.what_if.length, `the panel shows ${shown.hints.length} hints, the record has ${item.what_if.length}`);
    const w = item.what_if[0];
    expect(shown.hints[0] && shown.hints[0].drg === String(w.drg) && shown.hints[0].text.includes(w.if_documented.code) && shown.hints[0].text.includes(w.code),
      `the first hint shows ${JSON.stringify(shown.hints[0])}, the record ${w.code} -> ${w.if_documented.code}: DRG ${w.drg}`);
    expect(shown.hints.every((h) => h.query), 'a hint has no "Query the provider" button');
    for (const h of hcc?.hccs || []) {
      const row = shown.hccs.find((x) => x.hcc === String(h.hcc));
      expect(row && row.text.includes(h.label), `the panel does not show HCC ${h.hcc} ${h.label}`);
    }
    expect(!shown.stale, `before any decision the panel says the codes changed: "${shown.stale}"`);
    await page.$eval('#reimbursement', (e) => e.scrollIntoView({ block: 'start' }));
    await (await page.$('#reimbursement')).screenshot({ path: join(shots, 'reimbursement.png') });
    note(`${nameOf(r)}: MS-DRG ${f.drg} (MDC ${f.mdc}), ${shown.drivers.length} drivers, ${shown.hints.length} hints, ${shown.hccs.length} HCCs`);

    // A hint's button opens the query form pre-filled; the query names no DRG or payment.
    await page.click('#reimbursement button.hint-query');
    await visible(page, '#query-form');
    const form = await page.evaluate(() => ({ title: document.getElementById('query-title').value, question: document.getElementById('query-question').value,
      options: document.getElementById('query-options').value, indicators: document.querySelectorAll('#query-indicators li.indicator').length }));
    expect(form.question.length > 20 && form.options.includes('Unable to determine') && form.indicators > 0,
      `the hint's query form: ${JSON.stringify(form)}`);
    expect(!/\bDRG\b|payment|weight|\bM?CC\b/.test(`${form.title} ${form.question} ${form.options}`), `the pre-filled query talks money: ${JSON.stringify(form)}`);
    await page.click('#query-create');
    await visible(page, '#query-list li.query[data-status="open"]');
    note(`the hint's query (${form.title}) created from the pre-filled form`);

    // Rejecting the hinted code: the panel says the DRG is the pipeline's, not the reviewed set's.
    const key = (await fetchJson(page, `/api/documents/${id}`)).data.review.codes.find((c) => c.code_id === w.code_id)?.key;
    if (expect(key, `no review code for ${w.code_id}`)) {
      await page.click(`${rowSel(key)} button.reject`);
      await visible(page, '#reject-reason');
      await page.type('#reject-reason', 'not supported by the documentation (browser test)');
      await page.click('#reject-confirm');
      await waitState(page, key, 'rejected');
      await visible(page, '#reimbursement .reimb-stale');
      const after = await readPanel();
      expect(after.stale.includes('pipeline') && after.stale.includes(`${w.code} rejected`), `after a rejection the panel says "${after.stale}"`);
      expect(after.drg === String(f.drg), 'the panel changed the pipeline\'s DRG');
      // I50.9 is no CC: without it the reviewed codes group where the pipeline's did.
      const reviewed = (await fetchJson(page, `/api/documents/${id}`)).data.review.reimbursement.drg.reviewed;
      expect(reviewed && reviewed.drg === f.drg && after.reviewed === String(reviewed.drg),
        `the DRG of the reviewed codes: API ${JSON.stringify(reviewed)}, panel "${after.reviewed}", expected ${f.drg}`);
      note(`rejecting ${w.code}: "${after.stale.slice(0, 80)}..."`);
    }
    await writeFile(stateFile, JSON.stringify({ docs: { [id]: { name: nameOf(r), drg: f.drg } } }, null, 2));
    await page.close();
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Phase "csv": the CLI export

async function csv(file, stateFile) {
  const text = await readFile(file, 'utf8');
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  const lines = text.split(/\r?\n/).filter(Boolean);
  expect(lines.length > 1, `${file} has ${lines.length} lines`);
  for (const [id, d] of Object.entries(state.docs)) {
    expect(text.includes(id), `${file} does not name ${id} (${d.name})`);
    for (const reason of d.reasons) expect(text.includes(reason), `${file} lacks the reason "${reason}"`);
    // Codes the approval accepted are in the approval's row, not rows of their own.
    for (const [key, c] of Object.entries(d.codes)) if (!c.byApproval) expect(text.includes(key) || text.includes(c.code), `${file} lacks ${key}`);
  }
  note(`${file}: ${lines.length - 1} decisions, every one of the test's there`);
}

// ---------------------------------------------------------------------------------------------

try {
  if (phase === 'csv') await csv(args[0], args[1]);
  else {
    const [base, outputDir, shots, stateFile] = args;
    if (!base || !outputDir || !shots || !stateFile) throw new Error('usage: check_review.mjs decide|persisted|users|registry|reimbursement BASE_URL OUTPUT_DIR SCREENSHOT_DIR STATE_FILE');
    await mkdir(shots, { recursive: true });
    if (phase === 'decide') await decide(base, outputDir, shots, stateFile);
    else if (phase === 'persisted') await persisted(base, outputDir, shots, stateFile);
    else if (phase === 'registry') await registry(base, outputDir, shots, stateFile);
    else if (phase === 'users') await users(base, outputDir, shots, stateFile);
    else if (phase === 'reimbursement') await reimbursement(base, outputDir, shots, stateFile);
    else throw new Error(`unknown phase ${phase}`);
  }
} catch (e) {
  fail(`${e.name}: ${e.message}`);
  if (e.stack) console.error(e.stack.split('\n').slice(1, 4).join('\n'));
}
if (problems.length) {
  console.error(`review browser test (${phase}): ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`review browser test (${phase}): passed`);
