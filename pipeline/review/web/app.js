// chartflow review: the coder's workstation in the browser. Entry point: session and sign-in,
// the routes (#/ worklist, #/doc/ID chart, #/agreement), the chart screen that ties the document,
// the codes, the reimbursement panel, the abstract, the queries and the history together, and the keyboard.
//
// Modules (all served by `chartflow review` beside this file): util.js, worklist.js, chart.js,
// codes.js, queries.js, reimbursement.js.

import { el, clear, $, $$, api, session, setLoginHandler, canChange, showMessage, hideMessage, showError, typingIn, STATUS_LABEL, humanize, docPath } from './util.js';
import { Worklist } from './worklist.js';
import { DocumentView } from './chart.js';
import { CodesPanel, AbstractPanel, renderHistory } from './codes.js';
import { QueriesPanel } from './queries.js';
import { ReimbursementPanel } from './reimbursement.js';

const screens = ['login', 'worklist', 'chart', 'agreement'];
function showScreen(name) {
  for (const s of screens) {
    const node = document.getElementById(s);
    if (node) node.hidden = s !== name;
  }
  document.body.dataset.screen = name;
  for (const a of $$('header nav a[data-screen]')) {
    if (a.dataset.screen === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (name !== 'chart') $('#doc-status').hidden = true;
}

// ---------------------------------------------------------------------------------------------
// Session and sign-in

function setSession(s) {
  session.user = String(s.user || '');
  session.role = String(s.role || 'reader');
  session.csrf = String(s.csrf || '');
  session.records = String(s.records || '');
  $('#session-user').textContent = `${session.user} (${session.role})`;
  $('#session-user').title = `Signed in as ${session.user}, role ${session.role}`;
  $('#records-dir').textContent = session.records;
  $('#records-dir').title = `Records folder: ${session.records}`;
  $('#logout').hidden = !session.user;
  document.body.classList.toggle('read-only', !canChange());
}

let loginShown = false;
function showLogin() {
  if (loginShown) return;
  loginShown = true;
  session.csrf = '';
  $('#session-user').textContent = '';
  $('#logout').hidden = true;
  showScreen('login');
  $('#login-error').hidden = true;
  $('#login-user').focus();
}

async function login(e) {
  e.preventDefault();
  const user = $('#login-user').value.trim(), password = $('#login-password').value;
  const error = $('#login-error');
  error.hidden = true;
  $('#login-submit').disabled = true;
  try {
    const s = await api('/api/login', { method: 'POST', body: { user, password }, quietLogin: true });
    setSession(s);
    loginShown = false;
    $('#login-password').value = '';
    await start();
  } catch (err) {
    error.textContent = err.status === 401 || err.status === 403 ? `Sign-in refused: ${err.message}` : `Sign-in failed: ${err.message}`;
    error.hidden = false;
    $('#login-password').select();
  } finally {
    $('#login-submit').disabled = false;
  }
}

async function logout() {
  try { await api('/api/logout', { method: 'POST', quietLogin: true }); } catch { /* signed out anyway */ }
  location.hash = '#/';
  location.reload();
}

// ---------------------------------------------------------------------------------------------
// The chart screen

class ChartScreen {
  constructor() {
    this.root = document.getElementById('chart');
    this.id = '';
    this.record = null;
    this.review = null;
    this.loading = 0;
    const ctx = {
      docId: () => this.id,
      decide: (body, done) => this.decide(body, done),
      highlight: (item) => this.doc.highlight(item),
      apply: (review, done) => this.apply(review, done),
      clearSelection: () => this.doc.clearSelection(),
    };
    this.codes = new CodesPanel(document.getElementById('codes'), ctx);
    this.abstract = new AbstractPanel(document.getElementById('abstract'), ctx);
    this.queries = new QueriesPanel(document.getElementById('queries'), ctx);
    this.reimbursement = new ReimbursementPanel(document.getElementById('reimbursement'), {
      pickCode: (key) => this.codes.select(key, true),
      startQuery: (suggestion) => this.queries.startFrom(suggestion),
    });
    this.doc = new DocumentView(document.getElementById('document'), {
      onSelection: (s) => this.codes.setSelection(s),
      onPickCode: (key) => this.codes.select(key, true),
    });
    $('#back').addEventListener('click', () => { location.hash = '#/'; });
    $('#prev-doc').addEventListener('click', () => this.step(-1));
    $('#next-doc').addEventListener('click', () => this.step(1));
    $('#approve').addEventListener('click', () => this.setStatus('approved', ''));
    $('#return').addEventListener('click', () => this.openReturn());
    $('#return-form').addEventListener('submit', (e) => { e.preventDefault(); this.confirmReturn(); });
    $('#return-cancel').addEventListener('click', () => this.closeReturn(true));
  }

  async open(id) {
    const seq = ++this.loading;
    this.id = id;
    showScreen('chart');
    this.root.setAttribute('aria-busy', 'true');
    $('#chart-title').textContent = 'Loading…';
    try {
      const data = await api(docPath(id));
      if (seq !== this.loading) return;
      this.record = data.record || {};
      this.review = data.review || {};
      this.render(true);
      worklist.select(id, false);
      $('#chart-title').focus({ preventScroll: true });
    } catch (e) {
      if (seq !== this.loading) return;
      if (e.status === 401) return;
      $('#chart-title').textContent = 'Document not available';
      showError(e, `Could not open ${id}`);
    } finally {
      if (seq === this.loading) this.root.removeAttribute('aria-busy');
    }
  }

  render(fresh) {
    const r = this.record, rv = this.review;
    const doc = r.document || {};
    const name = (doc.source && doc.source.name) || this.id;
    document.title = `${name} — chartflow review`;
    $('#chart-title').textContent = name;
    const dt = (r.document_types || [])[0] || {};
    const policies = [...new Set((r.codes || []).map((c) => c.policy).filter(Boolean))];
    const meta = [dt.display || humanize(dt.type || ''), policies.join('/'), doc.page_count ? `${doc.page_count} page${doc.page_count === 1 ? '' : 's'}` : '', doc.media_type || '', this.id].filter(Boolean);
    $('#chart-meta').textContent = meta.join(' · ');
    this.renderStatus();
    $('#changed-warning').hidden = !rv.changed;
    const diags = (r.diagnostics || []).filter((d) => d.severity === 'warning' || d.severity === 'error');
    $('#diagnostics').replaceChildren(...diags.map((d) => el('li', { class: `diag diag-${d.severity}`, title: d.code || '' }, d.message || d.code)));
    $('#diagnostics').hidden = diags.length === 0;
    if (fresh) {
      this.closeReturn(false);
      this.codes.closeForms(false);
      this.queries.reset();
      this.doc.load(this.id, r, rv);
      this.codes.selectedKey = '';
    } else this.doc.update(rv);
    this.codes.render(rv);
    this.reimbursement.render(rv);
    this.abstract.render(rv, r);
    this.queries.render(rv);
    renderHistory(document.getElementById('history'), rv);
    const i = worklist.view.findIndex((d) => d.id === this.id);
    $('#prev-doc').disabled = i <= 0;
    $('#next-doc').disabled = i < 0 || i >= worklist.view.length - 1;
    $('#approve').hidden = !canChange();
    $('#return').hidden = !canChange();
  }

  renderStatus() {
    const status = this.review.status || 'to_review';
    const badge = $('#doc-status');
    badge.textContent = STATUS_LABEL[status] || status;
    badge.className = `status status-${status}`;
    badge.dataset.status = status;
    badge.title = 'Status of the open document';
    badge.hidden = false;
    $('#chart').dataset.status = status;
    $('#approve').disabled = status === 'approved';
  }

  apply(review, done) {
    this.review = review;
    this.render(false);
    worklist.updateFromReview(this.id, review);
    if (done) showMessage(done, 'ok');
  }

  async decide(body, done) {
    if (!canChange()) return null;
    hideMessage();
    try {
      const review = await api(`${docPath(this.id)}/decisions`, { method: 'POST', body });
      this.apply(review, done);
      return review;
    } catch (e) {
      showError(e, body.action === 'status' ? `Could not set the status to ${body.status}` : `Could not ${body.action}`);
      return null;
    }
  }

  async setStatus(status, note) {
    const review = await this.decide({ action: 'status', status, note }, `Document ${STATUS_LABEL[status] ? STATUS_LABEL[status].toLowerCase() : status}`);
    return review;
  }

  openReturn() {
    $('#return-form').hidden = false;
    $('#return-note').value = '';
    $('#return-note').focus();
  }

  closeReturn(focus) {
    if ($('#return-form').hidden) return false;
    $('#return-form').hidden = true;
    if (focus) $('#return').focus();
    return true;
  }

  async confirmReturn() {
    const note = $('#return-note').value.trim();
    if (!note) { $('#return-note').focus(); return; }
    const review = await this.setStatus('returned', note);
    if (review) this.closeReturn(false);
  }

  step(delta) {
    const i = worklist.view.findIndex((d) => d.id === this.id);
    const next = worklist.view[i + delta];
    if (next) location.hash = `#/doc/${encodeURIComponent(next.id)}`;
  }

  // Escape closes what is open, innermost first; false when nothing was.
  closeSomething() {
    if (this.doc.closePopover(true)) return true;
    if (this.codes.formOpen()) { this.codes.closeForms(true); return true; }
    if (this.closeReturn(true)) return true;
    if (!$('#query-form').hidden) { this.queries.closeForm(); return true; }
    return false;
  }

  key(e) {
    if (e.key === 'Escape') {
      if (this.closeSomething()) return true;
      if (typingIn(e.target)) { e.target.blur(); return true; }
      location.hash = '#/';
      return true;
    }
    if (typingIn(e.target)) return false;
    if (e.key === ']') { this.step(1); return true; }
    if (e.key === '[') { this.step(-1); return true; }
    return this.codes.key(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Agreement: how often chartflow's proposals were kept, per code and per rule path

async function showAgreement() {
  showScreen('agreement');
  document.title = 'Agreement — chartflow review';
  const box = clear($('#agreement-body'));
  box.append(el('p', { class: 'muted', text: 'Loading…' }));
  try {
    const data = await api('/api/agreement');
    clear(box);
    let tables = 0;
    for (const [name, value] of Object.entries(data)) {
      if (Array.isArray(value) && value.length && typeof value[0] === 'object') {
        const cols = [...new Set(value.flatMap((row) => Object.keys(row)))];
        box.append(el('h2', { text: humanize(name) }), el('table', { class: 'dense agreement-table' },
          el('thead', {}, el('tr', {}, cols.map((c) => el('th', { scope: 'col', text: humanize(c) })))),
          el('tbody', {}, value.map((row) => el('tr', {}, cols.map((c) => el('td', { class: typeof row[c] === 'number' ? 'num' : '', text: fmt(row[c]) })))))));
        tables++;
      } else if (!Array.isArray(value) && (typeof value !== 'object' || value === null)) {
        box.append(el('p', {}, el('strong', { text: `${humanize(name)}: ` }), fmt(value)));
      }
    }
    if (!tables) box.append(el('p', { class: 'muted', text: 'No decision yet.' }));
  } catch (e) {
    clear(box);
    showError(e, 'Could not load the agreement figures');
  }
}
const fmt = (v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

// ---------------------------------------------------------------------------------------------
// Routes and keys

let worklist;
let chart;
let started = false;

function route() {
  if (loginShown) return;
  const hash = location.hash || '#/';
  const m = /^#\/doc\/([^/?#]+)$/.exec(hash);
  if (m) {
    const id = decodeURIComponent(m[1]);
    if (id !== chart.id || document.getElementById('chart').hidden) chart.open(id);
    return;
  }
  if (hash === '#/agreement') { showAgreement(); return; }
  chart.id = '';
  chart.loading++;
  showScreen('worklist');
  document.title = 'Worklist — chartflow review';
  worklist.show();
  $('#worklist-table').focus({ preventScroll: true });
}

function keydown(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const screen = document.body.dataset.screen;
  let handled = false;
  if (screen === 'worklist') handled = worklist.key(e);
  else if (screen === 'chart') handled = chart.key(e);
  else if (screen === 'agreement' && e.key === 'Escape' && !typingIn(e.target)) { location.hash = '#/'; handled = true; }
  if (handled) e.preventDefault();
}

async function start() {
  if (!started) {
    started = true;
    window.addEventListener('hashchange', route);
    document.addEventListener('keydown', keydown);
  }
  await worklist.load();
  route();
}

async function boot() {
  worklist = new Worklist(document.getElementById('worklist'), { open: (id) => { location.hash = `#/doc/${encodeURIComponent(id)}`; } });
  chart = new ChartScreen();
  setLoginHandler(showLogin);
  $('#login-form').addEventListener('submit', login);
  $('#logout').addEventListener('click', logout);
  try {
    const s = await api('/api/session', { quietLogin: true });
    setSession(s);
  } catch (e) {
    if (e.status === 401) { showLogin(); return; }
    showScreen('worklist');
    showError(e, 'Could not start a session');
    return;
  }
  await start();
}

boot();
