// The codes panel (#codes) with its decisions (accept, reject with a reason, edit through the
// code search, principal, reopen, add a code from selected text), the decision history
// (#history) and, for registry documents, the abstract (#abstract: each tumour's fields).

import { el, append, clear, $, $$, api, cssq, canChange, showError, STATE_LABEL, humanize, formatConfidence, formatTime, shortText } from './util.js';

const ROLE_LABEL = { principal: 'principal', first_listed: 'first-listed', secondary: 'secondary', procedure: 'procedure' };
const DEFAULT_SYSTEMS = ['ICD-10-CM', 'ICD-10-PCS', 'HCPCS'];

export class CodesPanel {
  // ctx: {decide(body, what) -> Promise<review|null>, highlight(code), docId()}
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.review = null;
    this.selectedKey = '';
    this.tbody = $('#codes-body', root);
    this.selection = null;
    this.tbody.addEventListener('click', (e) => this.clicked(e));
    this.rejectForm = $('#reject-form');
    this.editForm = $('#edit-form');
    this.rejectForm.addEventListener('submit', (e) => { e.preventDefault(); this.confirmReject(); });
    this.editForm.addEventListener('submit', (e) => { e.preventDefault(); this.confirmEdit(); });
    for (const b of $$('button.cancel', this.rejectForm)) b.addEventListener('click', () => this.closeForms(true));
    for (const b of $$('button.cancel', this.editForm)) b.addEventListener('click', () => this.closeForms(true));
    this.f = {};
    for (const id of ['reject-title', 'reject-reason', 'reject-confirm', 'edit-title', 'edit-evidence', 'edit-reason-row', 'edit-reason', 'edit-confirm', 'code-search']) this.f[id] = document.getElementById(id);
    this.search = new CodeSearch(this.editForm, ctx, () => this.updateEditButton());
    this.f['edit-reason'].addEventListener('input', () => this.updateEditButton());
    $('#add-code').addEventListener('click', () => this.openAdd());
  }

  render(review) {
    this.review = review;
    const codes = [...(review.codes || [])].sort((a, b) => (a.sequence || 1e9) - (b.sequence || 1e9));
    const rows = codes.map((c) => this.row(c));
    const open = [this.rejectForm, this.editForm].find((f) => !f.hidden);
    $('#code-forms').append(this.rejectForm, this.editForm);  // parked while the rows are replaced
    this.tbody.replaceChildren(...rows);
    if (open) {
      if (open.dataset.key && this.code(open.dataset.key)) this.placeForm(open, open.dataset.key, false);
      else if (open === this.editForm && open.dataset.mode === 'add') this.placeForm(open, null, false);
      else open.hidden = true;
    }
    $('#codes-empty', this.root).hidden = codes.length > 0;
    const pending = codes.filter((c) => c.needs_review && c.state === 'proposed').length;
    $('#codes-summary', this.root).textContent = `${codes.length} code${codes.length === 1 ? '' : 's'}${pending ? ` · ${pending} needing review` : ''}`;
    if (this.selectedKey && !codes.some((c) => c.key === this.selectedKey)) this.selectedKey = '';
    this.markSelected();
    $('#add-code-bar').hidden = !canChange();
    if (!canChange()) this.closeForms(false);
  }

  code(key) { return (this.review && (this.review.codes || []).find((c) => c.key === key)) || null; }

  row(c) {
    const state = c.state || 'proposed';
    const tr = el('tr', {
      class: ['code-row', c.needs_review && state === 'proposed' && 'needs-review', c.evidence_changed && 'evidence-changed'],
      dataset: { key: c.key, state, system: c.system, code: c.code },
      'aria-selected': 'false',
    });
    const roleText = ROLE_LABEL[c.role] || humanize(c.role || '');
    tr.append(el('td', { class: 'seq' }, el('span', { class: 'seq-number', text: c.sequence || '' }), el('span', { class: `role role-${c.role || 'none'}`, text: roleText })));
    tr.append(el('td', { class: 'code-cell' },
      el('button', { type: 'button', class: 'code-link mono', title: 'Show the evidence', 'aria-label': `${c.code}: show the evidence`, text: c.code }),
      el('span', { class: 'system', text: c.system })));
    const desc = el('td', { class: 'desc' }, el('div', { class: 'title', text: c.display || '' }));
    if (c.billable === false) desc.append(el('span', { class: 'tag warn', text: 'not billable' }));
    if (state === 'edited' && c.proposed_code && c.proposed_code !== c.code) desc.append(el('div', { class: 'was', text: `was ${c.proposed_code}` }));
    if (c.rule) desc.append(el('div', { class: 'rule', title: c.rule, text: c.rule }));
    if (c.review_reasons && c.review_reasons.length) {
      desc.append(el('ul', { class: 'reasons' }, c.review_reasons.map((r) => el('li', { class: 'reason', text: r }))));
    } else if (c.needs_review) desc.append(el('ul', { class: 'reasons' }, el('li', { class: 'reason', text: 'needs review' })));
    if (c.reason) desc.append(el('div', { class: 'coder-reason', text: `Coder: ${c.reason}` }));
    if (c.evidence_changed) desc.append(el('div', { class: 'warning evidence-warning', role: 'note', text: '⚠ The evidence moved since this decision was made: check it again.' }));
    const evidenceCount = (c.evidence || []).length;
    if (!evidenceCount) desc.append(el('div', { class: 'muted', text: 'no evidence in the text' }));
    tr.append(desc);
    tr.append(el('td', { class: 'conf num', title: 'Confidence' }, formatConfidence(c.confidence)));
    tr.append(el('td', { class: 'state' }, el('span', { class: `badge state-${state}`, text: STATE_LABEL[state] || state })));
    const actions = el('td', { class: 'actions' });
    if (canChange()) {
      const b = (cls, label, title, show) => show && el('button', { type: 'button', class: `act ${cls}`, title, 'aria-label': `${label} ${c.code}`, text: label });
      append(actions, [
        b('accept', 'Accept', 'Accept (a)', state === 'proposed'),
        b('reject', 'Reject', 'Reject with a reason (r)', state !== 'rejected'),
        b('edit', 'Edit', 'Replace the code (e)', state !== 'rejected'),
        b('principal', 'Principal', 'Make it the principal / first-listed diagnosis (p)', state !== 'rejected' && c.role !== 'principal' && c.role !== 'procedure' && c.sequence !== 1),
        b('reopen', 'Reopen', 'Back to proposed (o)', state !== 'proposed' && state !== 'added'),
      ]);
    }
    tr.append(actions);
    return tr;
  }

  clicked(e) {
    const row = e.target instanceof Element ? e.target.closest('tr.code-row') : null;
    if (!row) return;
    const key = row.dataset.key;
    const button = e.target.closest('button');
    if (button && button.classList.contains('act')) {
      this.select(key, false);
      this.act(button.classList[1], key, button);
      return;
    }
    if (window.getSelection && String(window.getSelection()).length && !button) return;  // copying text
    this.select(key, true);
  }

  select(key, show = true) {
    this.selectedKey = key;
    this.markSelected();
    const c = this.code(key);
    if (c && show) this.ctx.highlight(c);
  }

  markSelected() {
    for (const tr of $$('tr.code-row', this.tbody)) {
      const on = tr.dataset.key === this.selectedKey;
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', on ? 'true' : 'false');
    }
  }

  rowOf(key) { return this.tbody.querySelector(`tr.code-row[data-key="${cssq(key)}"]`); }

  async act(action, key, button) {
    const c = this.code(key);
    if (!c || !canChange()) return;
    switch (action) {
      case 'accept': await this.decide({ action: 'accept', key }, `Accepted ${c.code}`, button); break;
      case 'principal': await this.decide({ action: 'principal', key }, `${c.code} is now principal`, button); break;
      case 'reopen': await this.decide({ action: 'reopen', key }, `${c.code} is proposed again`, button); break;
      case 'reject': this.openReject(key); break;
      case 'edit': this.openEdit(key); break;
      default: break;
    }
  }

  async decide(body, done, button) {
    if (button) button.disabled = true;
    const review = await this.ctx.decide(body, done);
    if (button && button.isConnected) button.disabled = false;
    if (review) {
      const key = body.key || this.selectedKey;
      const row = key && this.rowOf(key);
      if (row) row.querySelector('button.code-link').focus({ preventScroll: true });
    }
    return review;
  }

  // ------------------------------------------------------------------------------------------
  // Reject

  openReject(key) {
    const c = this.code(key);
    if (!c) return;
    this.closeForms(false);
    const f = this.rejectForm;
    f.dataset.key = key;
    this.f['reject-title'].textContent = `Reject ${c.code} — ${shortText(c.display, 60)}`;
    this.f['reject-reason'].value = '';
    f.hidden = false;
    this.placeForm(f, key);
    this.f['reject-reason'].focus();
  }

  async confirmReject() {
    const key = this.rejectForm.dataset.key;
    const reason = this.f['reject-reason'].value.trim();
    if (!reason) { this.f['reject-reason'].focus(); this.f['reject-reason'].setAttribute('aria-invalid', 'true'); return; }
    this.f['reject-reason'].removeAttribute('aria-invalid');
    const c = this.code(key);
    const review = await this.decide({ action: 'reject', key, reason }, `Rejected ${c ? c.code : key}`, this.f['reject-confirm']);
    if (review) this.closeForms(false);
  }

  // Forms open right under the row they are about.
  placeForm(form, key, reveal = true) {
    const row = key && this.rowOf(key);
    const holder = $('#code-forms');
    if (row) {
      const tr = el('tr', { class: 'form-row' }, el('td', { colspan: 6 }, form));
      row.after(tr);
    } else holder.append(form);
    if (reveal) form.scrollIntoView({ block: 'nearest' });
  }

  closeForms(returnFocus) {
    const holder = $('#code-forms');
    for (const f of [this.rejectForm, this.editForm]) {
      if (!f.hidden && returnFocus) {
        const row = this.rowOf(f.dataset.key || '');
        if (row) row.querySelector('button.code-link').focus({ preventScroll: true });
      }
      f.hidden = true;
      holder.append(f);
    }
    for (const tr of $$('tr.form-row', this.tbody)) tr.remove();
  }

  formOpen() { return !this.rejectForm.hidden || !this.editForm.hidden; }

  // ------------------------------------------------------------------------------------------
  // Edit (replace the code, keeping its evidence) and add (from selected text)

  systems() {
    const set = new Set(DEFAULT_SYSTEMS);
    for (const c of (this.review && this.review.codes) || []) if (c.system) set.add(c.system);
    return [...set];
  }

  openEdit(key) {
    const c = this.code(key);
    if (!c) return;
    this.closeForms(false);
    const f = this.editForm;
    f.dataset.mode = 'edit';
    f.dataset.key = key;
    this.f['edit-title'].textContent = `Replace ${c.code} — ${shortText(c.display, 60)}`;
    this.f['edit-evidence'].textContent = (c.evidence || []).length ? `Keeps its evidence: ${(c.evidence || []).map((e) => `“${shortText(e.text || '', 40)}”`).join(', ')}` : '';
    this.search.reset(this.systems(), c.system, true, c.code.replace(/\..*$/, ''));
    this.f['edit-reason-row'].hidden = false;
    this.f['edit-reason'].value = '';
    this.f['edit-reason'].required = true;
    f.hidden = false;
    this.placeForm(f, key);
    this.updateEditButton();
    this.f['code-search'].focus();
    this.f['code-search'].select();
  }

  setSelection(selection) {
    this.selection = selection;
    const button = $('#add-code');
    const label = $('#selection-label');
    button.disabled = !selection;
    label.textContent = selection ? `“${shortText(selection.text, 60)}”` : 'Select words in the text to code them.';
  }

  openAdd() {
    if (!canChange()) return;
    const sel = this.selection;
    this.closeForms(false);
    const f = this.editForm;
    f.dataset.mode = 'add';
    f.dataset.key = '';
    f.dataset.view = sel ? sel.view : '';
    f.dataset.begin = sel ? String(sel.begin) : '';
    f.dataset.end = sel ? String(sel.end) : '';
    this.f['edit-title'].textContent = sel ? 'Add a code for the selected text' : 'Add a code';
    this.f['edit-evidence'].textContent = sel ? `Evidence: “${shortText(sel.text, 120)}”` : 'No evidence (select words in the text first to link them).';
    const system = (this.review.codes || []).find((c) => c.system === 'ICD-10-CM') ? 'ICD-10-CM' : this.systems()[0];
    this.search.reset(this.systems(), system, false, sel ? sel.text : '');
    this.f['edit-reason-row'].hidden = true;
    this.f['edit-reason'].required = false;
    f.hidden = false;
    this.placeForm(f, null);
    this.updateEditButton();
    this.f['code-search'].focus();
    this.f['code-search'].select();
  }

  updateEditButton() {
    const f = this.editForm;
    const ok = this.search.ready() && (f.dataset.mode !== 'edit' || this.f['edit-reason'].value.trim() !== '');
    this.f['edit-confirm'].disabled = !ok;
  }

  async confirmEdit() {
    const f = this.editForm;
    const picked = this.search.picked;
    if (!picked || !this.search.ready()) return;
    let body, done;
    if (f.dataset.mode === 'edit') {
      const reason = this.f['edit-reason'].value.trim();
      if (!reason) { this.f['edit-reason'].focus(); return; }
      const c = this.code(f.dataset.key);
      body = { action: 'edit', key: f.dataset.key, code: picked.code, reason };
      done = `${c ? c.code : ''} replaced by ${picked.code}`;
    } else {
      body = { action: 'add', system: picked.system, code: picked.code };
      if (f.dataset.view) body.evidence = { view: f.dataset.view, begin: Number(f.dataset.begin), end: Number(f.dataset.end) };
      done = `Added ${picked.code}`;
    }
    const review = await this.decide(body, done, this.f['edit-confirm']);
    if (review) {
      if (f.dataset.mode === 'add') {
        const added = (review.codes || []).find((c) => c.state === 'added' && c.code === picked.code && c.system === picked.system);
        if (added) this.select(added.key, true);
        this.ctx.clearSelection();
      }
      this.closeForms(false);
    } else this.updateEditButton();
  }

  // ------------------------------------------------------------------------------------------
  // Keys in the chart view; true when handled.

  key(e) {
    const codes = $$('tr.code-row', this.tbody);
    if (!codes.length && e.key !== 'n') return false;
    const i = codes.findIndex((r) => r.dataset.key === this.selectedKey);
    const move = (d) => {
      const next = codes[Math.max(0, Math.min(codes.length - 1, (i < 0 ? (d > 0 ? -1 : codes.length) : i) + d))];
      this.select(next.dataset.key, true);
      next.querySelector('button.code-link').focus({ preventScroll: false });
    };
    switch (e.key) {
      case 'j': case 'ArrowDown': move(1); return true;
      case 'k': case 'ArrowUp': move(-1); return true;
      case 'n': if (canChange() && this.selection) { this.openAdd(); return true; } return false;
      default: break;
    }
    if (!this.selectedKey || !canChange()) return false;
    const action = { a: 'accept', r: 'reject', e: 'edit', p: 'principal', o: 'reopen' }[e.key];
    if (!action) return false;
    const row = this.rowOf(this.selectedKey);
    const button = row && row.querySelector(`button.${action}`);
    if (!button) return false;
    button.click();
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The code search of the edit/add form: /api/codes as you type, then /api/codes/check of the pick.

class CodeSearch {
  constructor(form, ctx, changed) {
    this.form = form;
    this.ctx = ctx;
    this.changed = changed;
    this.input = $('#code-search', form);
    this.system = $('#code-system', form);
    this.list = $('#code-results', form);
    this.check = $('#code-check', form);
    this.results = [];
    this.active = -1;
    this.picked = null;
    this.checked = null;
    this.seq = 0;
    this.timer = 0;
    this.input.addEventListener('input', () => this.schedule());
    this.system.addEventListener('change', () => { this.unpick(); this.schedule(0); });
    this.input.addEventListener('keydown', (e) => this.keydown(e));
    this.list.addEventListener('click', (e) => {
      const li = e.target instanceof Element ? e.target.closest('li.code-result') : null;
      if (li) this.pick(Number(li.dataset.index));
    });
  }

  reset(systems, system, lockSystem, query) {
    clear(this.system);
    for (const s of systems) this.system.append(el('option', { value: s, text: s }));
    this.system.value = system;
    this.system.disabled = lockSystem;
    this.input.value = query || '';
    this.results = [];
    this.active = -1;
    clear(this.list);
    this.unpick();
    if (this.input.value.trim()) this.schedule(0);
  }

  unpick() {
    this.picked = null;
    this.checked = null;
    clear(this.check);
    this.check.className = 'code-check';
    this.changed();
  }

  ready() { return Boolean(this.picked && this.checked && this.checked.exists !== false && this.checked.billable !== false); }

  schedule(delay = 150) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delay);
  }

  async run() {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) { this.show([]); return; }
    try {
      const params = new URLSearchParams({ q, system: this.system.value, limit: '30' });
      const data = await api(`/api/codes?${params}`);
      if (seq !== this.seq) return;
      this.show(Array.isArray(data.results) ? data.results : []);
    } catch (e) {
      if (seq === this.seq) showError(e, 'Code search failed');
    }
  }

  show(results) {
    this.results = results;
    this.active = -1;
    clear(this.list);
    results.forEach((r, i) => {
      this.list.append(el('li', {
        class: ['code-result', r.billable === false && 'not-billable'], role: 'option', id: `code-result-${i}`,
        dataset: { code: r.code, system: r.system || this.system.value, index: i }, 'aria-selected': 'false',
      }, el('span', { class: 'mono', text: r.code }), ' ', el('span', { text: r.title || '' }), r.billable === false ? el('span', { class: 'tag', text: 'category' }) : ''));
    });
    if (!results.length && this.input.value.trim()) this.list.append(el('li', { class: 'no-results', text: 'No code matches.' }));
    this.input.setAttribute('aria-expanded', results.length ? 'true' : 'false');
    this.input.removeAttribute('aria-activedescendant');
    if (this.picked) this.markPicked();
  }

  keydown(e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.results.length) return;
      e.preventDefault();
      this.active = Math.max(0, Math.min(this.results.length - 1, this.active + (e.key === 'ArrowDown' ? 1 : -1)));
      for (const li of $$('li.code-result', this.list)) li.classList.toggle('active', Number(li.dataset.index) === this.active);
      const li = document.getElementById(`code-result-${this.active}`);
      if (li) { this.input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.active >= 0) this.pick(this.active);
      else if (this.results.length === 1) this.pick(0);
      else if (this.picked && this.ready()) this.form.requestSubmit();
    }
  }

  markPicked() {
    for (const li of $$('li.code-result', this.list)) {
      const on = this.picked && li.dataset.code === this.picked.code;
      li.setAttribute('aria-selected', on ? 'true' : 'false');
      li.classList.toggle('picked', Boolean(on));
    }
  }

  async pick(index) {
    const r = this.results[index];
    if (!r) return;
    this.picked = { system: r.system || this.system.value, code: r.code, title: r.title || '' };
    this.checked = null;
    this.markPicked();
    clear(this.check);
    this.check.className = 'code-check pending';
    this.check.append(el('span', { text: `Checking ${r.code}…` }));
    this.changed();
    const picked = this.picked;
    try {
      const params = new URLSearchParams({ system: picked.system, code: picked.code, doc: this.ctx.docId() });
      const data = await api(`/api/codes/check?${params}`);
      if (this.picked !== picked) return;
      this.checked = data;
      this.renderCheck(data);
    } catch (e) {
      if (this.picked === picked) {
        clear(this.check);
        this.check.className = 'code-check bad';
        this.check.append(el('span', { text: `Could not check ${picked.code}: ${e.message}` }));
      }
    }
    this.changed();
  }

  renderCheck(d) {
    clear(this.check);
    const ok = d.exists !== false && d.billable !== false;
    const conflicts = Array.isArray(d.conflicts) ? d.conflicts : [];
    this.check.className = `code-check ${ok ? (conflicts.length ? 'warn' : 'ok') : 'bad'}`;
    this.check.dataset.code = d.code || '';
    this.check.dataset.billable = String(d.billable);
    this.check.append(el('div', {}, el('strong', { class: 'mono', text: d.code }), ` ${d.title || ''} — `,
      d.exists === false ? el('span', { class: 'bad-text', text: 'not in the code set' })
        : d.billable ? el('span', { class: 'ok-text', text: 'billable' })
          : el('span', { class: 'bad-text', text: 'not billable: pick a more specific code' })));
    if (conflicts.length) {
      this.check.append(el('ul', { class: 'conflicts' }, conflicts.map((x) => el('li', {},
        el('span', { class: 'tag warn', text: x.kind === 'excludes1' ? 'Excludes1' : x.kind === 'code_first' ? 'Code first' : humanize(x.kind) }),
        ` ${x.with ? `${x.with}: ` : ''}${x.message || ''}`))));
    } else if (ok) this.check.append(el('div', { class: 'muted', text: 'No conflict with the document’s codes.' }));
  }
}

// ---------------------------------------------------------------------------------------------
// Decision history

export function renderHistory(root, review) {
  const list = $('#history-list', root);
  const decisions = [...(review.decisions || [])].sort((a, b) => b.seq - a.seq);
  list.replaceChildren(...decisions.map((d) => {
    const what = [d.action, d.key || d.tumor || ''].filter(Boolean).join(' ');
    const change = describeChange(d);
    return el('li', { class: 'decision', dataset: { seq: d.seq, action: d.action } },
      el('span', { class: 'when', text: formatTime(d.at) }), ' ',
      el('span', { class: 'who', text: d.user || '' }), ' ',
      el('span', { class: 'what', text: what }),
      change ? el('span', { class: 'change', text: ` (${change})` }) : '',
      d.reason ? el('span', { class: 'why', text: ` — “${d.reason}”` }) : '',
      d.note ? el('span', { class: 'why', text: ` — “${d.note}”` }) : '');
  }));
  $('#history-empty', root).hidden = decisions.length > 0;
  $('#history-count', root).textContent = decisions.length ? `(${decisions.length})` : '';
}

// What a decision changed: the fields of `after` that differ from `before` (code, state, role,
// status, value, ...), e.g. "state proposed → accepted".
function describeChange(d) {
  const before = d.before && typeof d.before === 'object' ? d.before : {};
  const after = d.after && typeof d.after === 'object' ? d.after : {};
  const show = (v) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const parts = [];
  for (const [k, v] of Object.entries(after)) {
    if (k === 'evidence' || k === 'boxes' || k === 'display' || typeof v === 'object') continue;
    if (before[k] !== v) parts.push(`${k} ${show(before[k])} → ${show(v)}`);
  }
  if (!parts.length && typeof d.after !== 'object' && d.after !== undefined) parts.push(`→ ${show(d.after)}`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Registry abstract: each tumour's NAACCR fields, editable with a reason

const FIELD_ORDER = ['primarySite', 'histologicTypeIcdO3', 'behaviorCodeIcdO3', 'laterality', 'gradeClinical', 'gradePathological', 'gradePostTherapy', 'grade', 'dateOfDiagnosis', 'diagnosticConfirmation', 'sequenceNumberCentral', 'sequenceNumberHospital'];
const FIELD_LABEL = {
  primarySite: 'Primary site', histologicTypeIcdO3: 'Histology (ICD-O-3)', behaviorCodeIcdO3: 'Behavior (ICD-O-3)', laterality: 'Laterality',
  gradeClinical: 'Grade clinical', gradePathological: 'Grade pathological', gradePostTherapy: 'Grade post therapy', dateOfDiagnosis: 'Date of diagnosis',
  diagnosticConfirmation: 'Diagnostic confirmation', medicalRecordNumber: 'Medical record number',
  ajccTnmClinT: 'AJCC clinical T', ajccTnmClinN: 'AJCC clinical N', ajccTnmClinM: 'AJCC clinical M',
  ajccTnmPathT: 'AJCC pathological T', ajccTnmPathN: 'AJCC pathological N', ajccTnmPathM: 'AJCC pathological M',
  tumorSizeSummary: 'Tumor size summary', regionalNodesPositive: 'Regional nodes positive', regionalNodesExamined: 'Regional nodes examined',
  estrogenReceptorSummary: 'Estrogen receptor', progesteroneRecepSummary: 'Progesterone receptor', her2OverallSummary: 'HER2 overall',
  sequenceNumberCentral: 'Sequence number (central)', sequenceNumberHospital: 'Sequence number (hospital)', dateOfBirth: 'Date of birth', sex: 'Sex',
};

export class AbstractPanel {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;  // {decide, highlight}
    this.body = $('#abstract-body', root);
    this.body.addEventListener('click', (e) => this.clicked(e));
    this.body.addEventListener('input', (e) => this.edited(e));
    this.body.addEventListener('submit', (e) => { e.preventDefault(); this.save(e.target); });
  }

  render(review, record) {
    const tumors = Array.isArray(review.tumors) ? review.tumors : [];
    this.root.hidden = tumors.length === 0 && !(record.tumors && record.tumors.length);
    this.review = review;
    const recordTumors = new Map((record.tumors || []).map((t) => [t.id, t]));
    const blocks = tumors.map((t) => {
      const rt = recordTumors.get(t.id) || {};
      const fields = Object.entries(t.fields || {});
      fields.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
      const table = el('table', { class: 'abstract-table dense' },
        el('thead', {}, el('tr', {}, ['Field', 'Value', 'Meaning', 'Review', 'Change'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, fields.map(([name, f]) => this.fieldRow(t, name, f))));
      return el('section', { class: 'tumor', dataset: { tumor: t.id } },
        el('h3', {}, `Tumour ${t.id} `, el('span', { class: `badge tumor-${t.status}`, text: humanize(t.status || '') })),
        (rt.reasons || t.reasons || []).length ? el('ul', { class: 'reasons' }, (rt.reasons || t.reasons).map((r) => el('li', { class: 'reason info', text: r }))) : '',
        table);
    });
    this.body.replaceChildren(...blocks);
  }

  fieldRow(t, name, f) {
    const value = f.value ?? '';
    const id = `abs-${t.id}-${name}`;
    const tr = el('tr', { class: ['abstract-row', f.needs_review && 'needs-review', f.edited && 'edited'], dataset: { tumor: t.id, field: name } });
    tr.append(el('th', { scope: 'row' },
      (f.evidence || []).length
        ? el('button', { type: 'button', class: 'link field-evidence', title: 'Show the evidence', text: FIELD_LABEL[name] || humanize(name) })
        : el('span', { text: FIELD_LABEL[name] || humanize(name) }),
      el('div', { class: 'field-id mono', text: name })));
    tr.append(el('td', { class: 'value' }, el('span', { class: 'mono current', text: value === '' ? '—' : value }),
      f.edited && f.proposed !== undefined && f.proposed !== value ? el('div', { class: 'was', text: `was ${f.proposed || '—'}` }) : ''));
    tr.append(el('td', { class: 'display', text: f.display || '' }));
    tr.append(el('td', { class: 'review' }, f.needs_review ? el('span', { class: 'reason', text: f.reason || 'needs review' }) : (f.reason ? el('span', { class: 'muted', text: f.reason }) : '')));
    const cell = el('td', { class: 'change' });
    if (canChange()) {
      const form = el('form', { class: 'abstract-form', dataset: { tumor: t.id, field: name } },
        el('label', { class: 'visually-hidden', for: id, text: `New value of ${name}` }),
        el('input', { id, class: 'abstract-value mono', value, autocomplete: 'off', size: 7, dataset: { original: value } }),
        el('label', { class: 'visually-hidden', for: `${id}-reason`, text: `Reason for changing ${name}` }),
        el('input', { id: `${id}-reason`, class: 'abstract-reason', placeholder: 'reason', autocomplete: 'off', size: 10 }),
        el('button', { type: 'submit', class: 'abstract-save', disabled: true, text: 'Save' }));
      cell.append(form);
    }
    tr.append(cell);
    return tr;
  }

  clicked(e) {
    const b = e.target instanceof Element ? e.target.closest('button.field-evidence') : null;
    if (!b) return;
    const row = b.closest('tr.abstract-row');
    const t = (this.review.tumors || []).find((x) => x.id === row.dataset.tumor);
    const f = t && t.fields && t.fields[row.dataset.field];
    if (f) this.ctx.highlight({ key: `tumor:${t.id}:${row.dataset.field}`, evidence: f.evidence || [], boxes: f.boxes || [], adhoc: true });
  }

  edited(e) {
    const form = e.target instanceof Element ? e.target.closest('form.abstract-form') : null;
    if (!form) return;
    const v = $('.abstract-value', form), r = $('.abstract-reason', form);
    $('.abstract-save', form).disabled = v.value.trim() === v.dataset.original || r.value.trim() === '';
  }

  async save(form) {
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('abstract-form')) return;
    const value = $('.abstract-value', form).value.trim();
    const reason = $('.abstract-reason', form).value.trim();
    if (!reason) { $('.abstract-reason', form).focus(); return; }
    const { tumor, field } = form.dataset;
    const button = $('.abstract-save', form);
    button.disabled = true;
    const review = await this.ctx.decide({ action: 'abstract', tumor, field, value, reason }, `${field} of ${tumor} set to ${value || '(empty)'}`);
    if (!review && button.isConnected) button.disabled = false;
  }
}

function rank(name) {
  const i = FIELD_ORDER.indexOf(name);
  return i < 0 ? FIELD_ORDER.length + (name.startsWith('grade') ? 0 : 1) : i;
}

