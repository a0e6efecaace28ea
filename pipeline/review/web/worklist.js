// The worklist (#worklist): every document of the records folder, filtered, searched and sorted
// in the browser. Only the rows in sight are in the DOM (virtual scrolling over a fixed row
// height), so 10,000 documents paint as fast as 10.

import { el, clear, $, api, showError, STATUS_LABEL, shortText, formatTime, typingIn } from './util.js';

const ROW_HEIGHT = 28;  // px; app.css sets the same height on tr.doc-row
const OVERSCAN = 12;

const STATUS_ORDER = { to_review: 0, in_progress: 1, returned: 2, approved: 3 };

const COLUMNS = [
  { key: 'source_name', label: 'Document', sort: (d) => d.source_name.toLowerCase() },
  { key: 'document_type', label: 'Type', sort: (d) => (d.document_type_display || d.document_type || '').toLowerCase() },
  { key: 'status', label: 'Status', sort: (d) => STATUS_ORDER[d.status] ?? 9 },
  { key: 'code_count', label: 'Codes', sort: (d) => d.code_count, numeric: true },
  { key: 'codes_needing_review', label: 'Review', title: 'Codes needing review', sort: (d) => d.codes_needing_review, numeric: true },
  { key: 'codes', label: 'Final codes', sort: (d) => d.codes.join(' ') },
  { key: 'flags', label: 'Flags', sort: (d) => d.flags.length, numeric: true },
  { key: 'open_queries', label: 'Queries', title: 'Open physician queries', sort: (d) => d.open_queries, numeric: true },
  { key: 'decided_at', label: 'Last decision', sort: (d) => d.decided_at || '' },
];

export class Worklist {
  constructor(root, { open }) {
    this.root = root;
    this.open = open;  // open(id)
    this.docs = [];
    this.byId = new Map();
    this.view = [];  // filtered and sorted
    this.sortKey = 'source_name';
    this.sortDir = 1;
    this.selectedId = '';
    this.window = [-1, -1];
    this.loaded = false;
    this.scroller = $('#worklist-scroll', root);
    this.table = $('#worklist-table', root);
    this.tbody = $('#worklist-body', root);
    this.count = $('#worklist-count', root);
    this.controls = {
      search: $('#search', root), needs: $('#filter-needs-review', root), status: $('#filter-status', root),
      policy: $('#filter-policy', root), kind: $('#filter-kind', root), code: $('#filter-code', root), flag: $('#filter-flag', root),
    };
    this.buildHeader();
    const refilter = () => this.apply();
    for (const c of Object.values(this.controls)) c.addEventListener(c.type === 'checkbox' || c.tagName === 'SELECT' ? 'change' : 'input', refilter);
    $('#filter-clear', root).addEventListener('click', () => this.clearFilters());
    $('#refresh', root).addEventListener('click', () => this.load());
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    window.addEventListener('resize', () => this.schedule());
    this.tbody.addEventListener('click', (e) => {
      const row = e.target.closest('tr.doc-row');
      if (!row) return;
      this.select(row.dataset.id, false);
      if (e.target.closest('a')) return;  // the link opens it
    });
    this.tbody.addEventListener('dblclick', (e) => {
      const row = e.target.closest('tr.doc-row');
      if (row) this.open(row.dataset.id);
    });
    this.controls.search.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); this.move(e.key === 'ArrowDown' ? 1 : -1); }
      else if (e.key === 'Enter') { e.preventDefault(); this.openSelected(); }
      else if (e.key === 'Escape' && this.controls.search.value) { e.preventDefault(); e.stopPropagation(); this.controls.search.value = ''; this.apply(); }
    });
  }

  buildHeader() {
    const row = $('#worklist-head', this.root);
    clear(row);
    for (const col of COLUMNS) {
      const button = el('button', { type: 'button', class: 'sort', dataset: { sort: col.key }, title: col.title || `Sort by ${col.label.toLowerCase()}`, text: col.label });
      button.addEventListener('click', () => {
        if (this.sortKey === col.key) this.sortDir = -this.sortDir;
        else { this.sortKey = col.key; this.sortDir = col.numeric ? -1 : 1; }
        this.apply();
      });
      row.append(el('th', { scope: 'col', class: `col-${col.key}`, dataset: { col: col.key }, 'aria-sort': 'none' }, button));
    }
  }

  async load() {
    try {
      const data = await api('/api/documents');
      this.setDocuments(Array.isArray(data.documents) ? data.documents : []);
    } catch (e) {
      if (e.status !== 401) showError(e, 'Could not load the worklist');
    }
  }

  setDocuments(documents) {
    this.docs = documents.map(normalizeDoc);
    this.byId = new Map(this.docs.map((d) => [d.id, d]));
    this.fillFlagFilter();
    this.loaded = true;
    this.apply();
  }

  // After a decision in the chart view: what the chart's review says now.
  updateFromReview(id, review) {
    const d = this.byId.get(id);
    if (!d || !review) return;
    d.status = review.status || d.status;
    d.changed = Boolean(review.changed);
    const codes = Array.isArray(review.codes) ? review.codes : [];
    const kept = codes.filter((c) => c.state !== 'rejected');
    d.codes = kept.map((c) => c.code);
    d.code_count = kept.length;
    d.codes_needing_review = codes.filter((c) => c.needs_review && c.state === 'proposed').length;
    d.open_queries = (review.queries || []).filter((q) => q.status === 'open').length;
    const last = (review.decisions || []).reduce((a, x) => (a && a.seq > x.seq ? a : x), null);
    if (last && last.at) d.decided_at = last.at;
    d.search = searchText(d);
    this.apply();
  }

  fillFlagFilter() {
    const select = this.controls.flag;
    const current = select.value;
    const counts = new Map();
    for (const d of this.docs) for (const f of d.flags) counts.set(f, (counts.get(f) || 0) + 1);
    clear(select);
    select.append(el('option', { value: '', text: 'Any flag' }));
    for (const [flag, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      select.append(el('option', { value: flag, title: flag, text: `${shortText(flag, 60)} (${n})` }));
    }
    if (counts.has(current)) select.value = current;
  }

  clearFilters() {
    const c = this.controls;
    c.search.value = ''; c.needs.checked = false; c.status.value = ''; c.policy.value = ''; c.kind.value = ''; c.code.value = ''; c.flag.value = '';
    this.apply();
  }

  apply() {
    const c = this.controls;
    const q = c.search.value.trim().toLowerCase();
    const terms = q ? q.split(/\s+/) : [];
    const needs = c.needs.checked, status = c.status.value, policy = c.policy.value, kind = c.kind.value, flag = c.flag.value;
    const code = c.code.value.trim().toUpperCase().replace(/\./g, '');
    const out = [];
    for (const d of this.docs) {
      if (needs && !(d.codes_needing_review > 0 || d.flags.length > 0)) continue;
      if (status && d.status !== status) continue;
      if (policy && d.policy !== policy) continue;
      if (kind && d.kind !== kind) continue;
      if (flag && !d.flags.includes(flag)) continue;
      if (code && !d.codeKeys.some((k) => k.startsWith(code))) continue;
      if (terms.length && !terms.every((t) => d.search.includes(t))) continue;
      out.push(d);
    }
    const col = COLUMNS.find((x) => x.key === this.sortKey) || COLUMNS[0];
    const dir = this.sortDir;
    const keyed = out.map((d) => [col.sort(d), d]);
    keyed.sort((a, b) => (a[0] < b[0] ? -dir : a[0] > b[0] ? dir : a[1].source_name < b[1].source_name ? -1 : a[1].source_name > b[1].source_name ? 1 : 0));
    this.view = keyed.map((x) => x[1]);
    for (const th of this.root.querySelectorAll('#worklist-head th')) {
      th.setAttribute('aria-sort', th.dataset.col === this.sortKey ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    this.table.setAttribute('aria-rowcount', String(this.view.length + 1));
    const total = this.docs.length;
    this.count.textContent = this.view.length === total ? `${total} document${total === 1 ? '' : 's'}` : `${this.view.length} of ${total} documents`;
    $('#worklist-empty', this.root).hidden = !this.loaded || this.view.length > 0;
    if (this.selectedId && !this.view.some((d) => d.id === this.selectedId)) this.selectedId = '';
    if (!this.selectedId && this.view.length) this.selectedId = this.view[0].id;
    this.window = [-1, -1];
    // A new filter or order starts at the top, or wherever the selected document now is.
    this.scroller.scrollTop = 0;
    this.reveal();
    this.render();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  render() {
    if (this.root.hidden) return;
    const n = this.view.length;
    const viewport = this.scroller.clientHeight || window.innerHeight;
    // Row i starts at head + i * ROW_HEIGHT, under the sticky head. The scroll position may be
    // stale (the list just got shorter): clamp it.
    const top = Math.max(0, Math.min(this.scroller.scrollTop, n * ROW_HEIGHT - viewport + this.headHeight()));
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((top + viewport) / ROW_HEIGHT) + OVERSCAN);
    if (first === this.window[0] && last === this.window[1]) return;
    this.window = [first, last];
    const rows = [];
    rows.push(spacer(first * ROW_HEIGHT, 'top'));
    for (let i = first; i < last; i++) rows.push(this.row(this.view[i], i));
    rows.push(spacer((n - last) * ROW_HEIGHT, 'bottom'));
    this.tbody.replaceChildren(...rows);
    this.markSelected();
  }

  headHeight() {
    const head = this.table.tHead;
    return head ? head.offsetHeight : 0;
  }

  row(d, i) {
    const tr = el('tr', { class: ['doc-row', d.changed && 'changed'], id: `row-${d.id}`, dataset: { id: d.id, status: d.status, kind: d.kind }, 'aria-rowindex': i + 2 });
    const name = el('td', { class: 'col-source_name' },
      el('a', { href: `#/doc/${encodeURIComponent(d.id)}`, class: 'doc-link', title: d.source_name, text: d.source_name }),
      d.kind === 'registry' ? el('span', { class: 'tag kind', title: 'Cancer registry abstract', text: 'registry' }) : null,
      d.changed ? el('span', { class: 'tag warn', title: 'Decisions were made on an earlier version of this record', text: 'changed' }) : null);
    tr.append(
      name,
      el('td', { class: 'col-document_type', title: d.document_type_display, text: d.document_type_display || d.document_type }),
      el('td', { class: 'col-status' }, el('span', { class: `status status-${d.status}`, text: STATUS_LABEL[d.status] || d.status })),
      el('td', { class: 'col-code_count num', text: d.code_count }),
      el('td', { class: ['col-codes_needing_review num', d.codes_needing_review > 0 && 'attention'], text: d.codes_needing_review }),
      el('td', { class: 'col-codes mono', title: d.codes.join(', '), text: d.codes.join(' ') }),
      el('td', { class: 'col-flags', title: d.flags.join('\n') }, d.flags.length ? `${d.flags.length > 1 ? `(${d.flags.length}) ` : ''}${shortText(d.flags[0], 40)}` : ''),
      el('td', { class: ['col-open_queries num', d.open_queries > 0 && 'attention'], text: d.open_queries || '' }),
      el('td', { class: 'col-decided_at', text: formatTime(d.decided_at) }),
    );
    return tr;
  }

  markSelected() {
    for (const tr of this.tbody.querySelectorAll('tr.doc-row')) {
      const on = tr.dataset.id === this.selectedId;
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', on ? 'true' : 'false');
    }
    if (this.selectedId && document.getElementById(`row-${this.selectedId}`)) this.table.setAttribute('aria-activedescendant', `row-${this.selectedId}`);
    else this.table.removeAttribute('aria-activedescendant');
  }

  select(id, reveal = true) {
    this.selectedId = id;
    if (reveal) this.reveal();
    this.markSelected();
  }

  reveal() {
    const i = this.view.findIndex((d) => d.id === this.selectedId);
    if (i < 0) return;
    const head = this.headHeight();
    const rowTop = i * ROW_HEIGHT;
    const viewport = this.scroller.clientHeight - head;
    if (rowTop < this.scroller.scrollTop) this.scroller.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > this.scroller.scrollTop + viewport) this.scroller.scrollTop = rowTop + ROW_HEIGHT - viewport;
    this.render();
  }

  move(delta) {
    if (!this.view.length) return;
    let i = this.view.findIndex((d) => d.id === this.selectedId);
    i = i < 0 ? 0 : Math.min(this.view.length - 1, Math.max(0, i + delta));
    this.select(this.view[i].id);
  }

  openSelected() {
    if (this.selectedId) this.open(this.selectedId);
  }

  show() {
    this.window = [-1, -1];
    this.render();
    this.reveal();
  }

  // Keys while the worklist is on screen; true when handled.
  key(e) {
    if (e.key === '/' && !typingIn(e.target)) { e.preventDefault(); this.controls.search.focus(); this.controls.search.select(); return true; }
    if (typingIn(e.target)) return false;
    switch (e.key) {
      case 'j': case 'ArrowDown': this.move(1); return true;
      case 'k': case 'ArrowUp': this.move(-1); return true;
      case 'PageDown': this.move(Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1)); return true;
      case 'PageUp': this.move(-Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1)); return true;
      case 'Home': if (this.view.length) this.select(this.view[0].id); return true;
      case 'End': if (this.view.length) this.select(this.view[this.view.length - 1].id); return true;
      case 'Enter':
        if (e.target instanceof Element && e.target.closest('a, button')) return false;
        this.openSelected(); return true;
      default: return false;
    }
  }
}

function spacer(height, which) {
  const td = el('td', { colspan: COLUMNS.length });
  const tr = el('tr', { class: `spacer spacer-${which}`, 'aria-hidden': 'true' }, td);
  if (height <= 0) tr.hidden = true;
  else td.style.height = `${height}px`;
  return tr;
}

function normalizeDoc(raw) {
  const d = {
    id: String(raw.id || ''),
    source_name: String(raw.source_name || raw.id || ''),
    media_type: raw.media_type || '',
    page_count: Number(raw.page_count) || 0,
    document_type: raw.document_type || '',
    document_type_display: raw.document_type_display || '',
    policy: raw.policy || '',
    kind: raw.kind || 'coding',
    status: raw.status || 'to_review',
    code_count: Number(raw.code_count) || 0,
    codes_needing_review: Number(raw.codes_needing_review) || 0,
    codes: Array.isArray(raw.codes) ? raw.codes.map(String) : [],
    flags: Array.isArray(raw.flags) ? raw.flags.map(String) : [],
    open_queries: Number(raw.open_queries) || 0,
    changed: Boolean(raw.changed),
    decided_at: raw.decided_at || '',
  };
  d.search = searchText(d);
  return d;
}

function searchText(d) {
  d.codeKeys = d.codes.map((c) => c.toUpperCase().replace(/\./g, ''));
  return [d.source_name, d.id, d.document_type, d.document_type_display, STATUS_LABEL[d.status] || d.status, ...d.codes, ...d.codeKeys, ...d.flags].join('\n').toLowerCase();
}
