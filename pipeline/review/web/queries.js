// Physician queries (#queries): chartflow suggests compliant queries from the chart's documented
// indicators (/query-suggestions); the coder picks one, edits the question, the options and the
// indicators, and creates it; the list shows each query's status with its .txt and .pdf to send,
// and records the physician's answer or a withdrawal.

import { el, clear, $, $$, api, canChange, showError, formatTime, docPath } from './util.js';

export class QueriesPanel {
  // ctx: {docId(), apply(review, message), highlight(item)}
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.suggestions = [];
    this.chosen = null;
    this.list = $('#query-list', root);
    this.suggestBox = $('#query-suggestions', root);
    this.form = $('#query-form', root);
    $('#new-query', root).addEventListener('click', () => this.loadSuggestions());
    this.suggestBox.addEventListener('click', (e) => {
      const b = e.target instanceof Element ? e.target.closest('button.query-suggestion') : null;
      if (b) this.choose(Number(b.dataset.index));
    });
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.create(); });
    $('#query-cancel', root).addEventListener('click', () => this.closeForm());
    $('#query-indicators', root).addEventListener('click', (e) => {
      const b = e.target instanceof Element ? e.target.closest('button.indicator-show') : null;
      if (!b || !this.chosen) return;
      const ind = this.chosen.indicators[Number(b.dataset.index)];
      if (ind) this.ctx.highlight({ key: `indicator:${b.dataset.index}`, evidence: ind.view ? [ind] : [], boxes: ind.boxes || [], adhoc: true });
    });
    this.list.addEventListener('click', (e) => this.listClicked(e));
    this.list.addEventListener('submit', (e) => { e.preventDefault(); this.answer(e.target); });
  }

  reset() {
    this.suggestions = [];
    this.chosen = null;
    clear(this.suggestBox);
    this.suggestBox.hidden = true;
    this.form.hidden = true;
  }

  render(review) {
    const queries = Array.isArray(review.queries) ? review.queries : [];
    $('#new-query', this.root).hidden = !canChange();
    $('#queries-count', this.root).textContent = queries.length ? `(${queries.filter((q) => q.status === 'open').length} open of ${queries.length})` : '';
    $('#queries-empty', this.root).hidden = queries.length > 0;
    this.list.replaceChildren(...queries.map((q) => this.item(q)));
  }

  item(q) {
    const base = `${docPath(this.ctx.docId())}/queries/${encodeURIComponent(q.id)}`;
    const li = el('li', { class: 'query', dataset: { queryId: q.id, status: q.status } },
      el('div', { class: 'query-head' },
        el('span', { class: `badge query-${q.status}`, text: q.status }), ' ',
        el('strong', { class: 'query-title', text: q.title || q.template || q.id }), ' ',
        el('span', { class: 'muted', text: `${q.id} · ${q.created_by || ''} ${formatTime(q.created_at)}` })),
      el('div', { class: 'query-links' },
        el('a', { class: 'query-txt', href: `${base}.txt`, target: '_blank', rel: 'noopener', text: 'Text' }), ' · ',
        el('a', { class: 'query-pdf', href: `${base}.pdf`, target: '_blank', rel: 'noopener', text: 'PDF' })),
      el('details', { class: 'query-text' }, el('summary', { text: 'Query text' }), el('pre', { text: q.text || '' })));
    if (q.answer) li.append(el('div', { class: 'query-answer-text' }, el('strong', { text: 'Answer: ' }), q.answer));
    if (q.status === 'open' && canChange()) {
      li.append(el('div', { class: 'query-actions' },
        el('button', { type: 'button', class: 'query-answer', text: 'Record answer' }),
        el('button', { type: 'button', class: 'query-withdraw', text: 'Withdraw' })));
    }
    return li;
  }

  async loadSuggestions() {
    if (!canChange()) return;
    const button = $('#new-query', this.root);
    button.disabled = true;
    try {
      const data = await api(`${docPath(this.ctx.docId())}/query-suggestions`);
      this.suggestions = Array.isArray(data.suggestions) ? data.suggestions : [];
    } catch (e) {
      showError(e, 'Could not load query suggestions');
      this.suggestions = [];
    } finally {
      button.disabled = false;
    }
    clear(this.suggestBox);
    this.suggestBox.hidden = false;
    const items = this.suggestions.map((s, i) => el('li', {},
      el('button', { type: 'button', class: 'query-suggestion', dataset: { index: i, template: s.template } },
        el('strong', { text: s.title || s.template }), s.why ? el('span', { class: 'why', text: s.why }) : '')));
    items.push(el('li', {}, el('button', { type: 'button', class: 'query-suggestion blank', dataset: { index: -1, template: 'custom' } },
      el('strong', { text: 'Blank query' }), el('span', { class: 'why', text: 'Write the question yourself.' }))));
    this.suggestBox.append(
      el('p', { class: 'muted', text: this.suggestions.length ? 'Suggested from the chart’s documented indicators — pick one to edit:' : 'No suggestion for this chart.' }),
      el('ul', { class: 'suggestion-list' }, items));
    const first = $('button.query-suggestion', this.suggestBox);
    if (first) first.focus();
  }

  // Opens the form pre-filled from a suggestion made elsewhere (a documentation hint of the
  // reimbursement panel): the coder edits it, then creates it as any other.
  startFrom(suggestion) {
    if (!canChange() || !suggestion) return;
    this.suggestions = [suggestion];
    this.choose(0);
    this.root.scrollIntoView({ block: 'nearest' });
  }

  choose(index) {
    const s = index >= 0 ? this.suggestions[index] : { template: 'custom', title: 'Clarification', question: '', options: ['Other (please specify)', 'Unable to determine'], indicators: [] };
    if (!s) return;
    this.chosen = { ...s, indicators: Array.isArray(s.indicators) ? s.indicators.map((x) => ({ ...x })) : [] };
    $('#query-template', this.root).textContent = s.template || '';
    $('#query-why', this.root).textContent = s.why ? ` — ${s.why}` : '';
    $('#query-title', this.root).value = s.title || '';
    $('#query-question', this.root).value = s.question || '';
    $('#query-options', this.root).value = (s.options || []).join('\n');
    const box = clear($('#query-indicators', this.root));
    this.chosen.indicators.forEach((ind, i) => {
      const id = `query-indicator-${i}`;
      box.append(el('li', { class: 'indicator' },
        el('input', { type: 'checkbox', id: `${id}-on`, class: 'indicator-on', checked: true, 'aria-label': `Include indicator ${i + 1}` }),
        el('label', { class: 'visually-hidden', for: id, text: `Indicator ${i + 1}` }),
        el('input', { id, class: 'indicator-text', value: ind.text || '', autocomplete: 'off' }),
        el('span', { class: 'muted location', text: ind.location || '' }),
        ind.view ? el('button', { type: 'button', class: 'link indicator-show', dataset: { index: i }, text: 'show' }) : ''));
    });
    $('#query-indicators-empty', this.root).hidden = this.chosen.indicators.length > 0;
    this.suggestBox.hidden = true;
    this.form.hidden = false;
    $('#query-question', this.root).focus();
  }

  closeForm() {
    this.form.hidden = true;
    this.chosen = null;
    $('#new-query', this.root).focus();
  }

  async create() {
    if (!this.chosen) return;
    const question = $('#query-question', this.root).value.trim();
    if (!question) { $('#query-question', this.root).focus(); return; }
    const options = $('#query-options', this.root).value.split('\n').map((s) => s.trim()).filter(Boolean);
    const indicators = [];
    $$('#query-indicators li.indicator', this.root).forEach((li, i) => {
      if (!$('.indicator-on', li).checked) return;
      const text = $('.indicator-text', li).value.trim();
      if (text) indicators.push({ ...this.chosen.indicators[i], text });
    });
    const body = { template: this.chosen.template, title: $('#query-title', this.root).value.trim(), question, options, indicators };
    const button = $('#query-create', this.root);
    button.disabled = true;
    try {
      const review = await api(`${docPath(this.ctx.docId())}/queries`, { method: 'POST', body });
      this.form.hidden = true;
      this.chosen = null;
      this.ctx.apply(review, 'Physician query created');
    } catch (e) {
      showError(e, 'Could not create the query');
    } finally {
      button.disabled = false;
    }
  }

  listClicked(e) {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (!b) return;
    const li = b.closest('li.query');
    if (b.classList.contains('query-withdraw')) this.setStatus(li.dataset.queryId, 'withdrawn', '');
    else if (b.classList.contains('query-answer')) {
      if ($('form.answer-form', li)) return;
      const id = `answer-${li.dataset.queryId}`;
      const form = el('form', { class: 'answer-form', dataset: { queryId: li.dataset.queryId } },
        el('label', { for: id, text: 'Physician’s answer' }),
        el('input', { id, class: 'answer-input', autocomplete: 'off', required: true }),
        el('button', { type: 'submit', class: 'answer-confirm', text: 'Save answer' }));
      li.append(form);
      $('input', form).focus();
    }
  }

  async answer(form) {
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('answer-form')) return;
    const answer = $('.answer-input', form).value.trim();
    if (!answer) return;
    await this.setStatus(form.dataset.queryId, 'answered', answer);
  }

  async setStatus(qid, status, answer) {
    try {
      const review = await api(`${docPath(this.ctx.docId())}/queries/${encodeURIComponent(qid)}`, { method: 'POST', body: { status, answer } });
      this.ctx.apply(review, `Query ${qid} ${status}`);
    } catch (e) {
      showError(e, `Could not mark the query ${status}`);
    }
  }
}

