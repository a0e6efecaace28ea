// The reimbursement panel (#reimbursement): the MS-DRG the pipeline grouped the chart into (its
// title, MDC, the codes that drove it, the secondary diagnoses acting as CC/MCC), the what-if
// documentation hints, each with a button that opens a physician query pre-filled from it, and
// the CMS-HCCs with the codes behind each. The server sends it as review.reimbursement
// (docs/review-api.md). The figures are the pipeline's: once the coder's decisions change the
// codes, the panel says so, lists the changes and, when the server has the MS-DRG tables, shows the
// DRG of the reviewed codes beside the pipeline's.

import { el, clear, $, canChange, humanize } from './util.js';

const EFFECT_LABEL = {
  principal_diagnosis: 'principal diagnosis', mcc: 'MCC', cc: 'CC', hac: 'hospital-acquired condition',
  diagnosis_logic: 'DRG logic', or_procedure: 'OR procedure', non_or_procedure: 'non-OR procedure',
};

export class ReimbursementPanel {
  // ctx: {pickCode(key), startQuery(suggestion)}
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.queries = [];
    root.addEventListener('click', (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (!b) return;
      if (b.classList.contains('pick-code') && b.dataset.key) this.ctx.pickCode(b.dataset.key);
      else if (b.classList.contains('hint-query')) {
        const q = this.queries[Number(b.dataset.index)];
        if (q) this.ctx.startQuery(q);
      }
    });
  }

  render(review) {
    const r = (review && review.reimbursement) || {};
    const drg = r.drg && typeof r.drg === 'object' ? r.drg : null;
    const hcc = r.hcc && typeof r.hcc === 'object' ? r.hcc : null;
    this.root.hidden = !drg && !hcc;
    this.queries = [];
    const body = clear($('#reimbursement-body', this.root));
    if (drg) body.append(this.drgPart(drg));
    if (hcc) body.append(this.hccPart(hcc));
  }

  // A code of the record as a button that selects it in the codes panel (when the review knows it).
  code(c) {
    const label = el('span', { class: 'mono', text: c.code || '' });
    const state = c.state === 'rejected' || c.state === 'edited' ? el('span', { class: `badge state-${c.state}`, text: c.state }) : '';
    const title = c.display ? el('span', { class: 'muted', text: ` ${c.display}` }) : '';
    if (!c.key) return el('span', { class: 'reimb-code' }, label, title, ' ', state);
    return el('span', { class: 'reimb-code' },
      el('button', { type: 'button', class: 'link pick-code', dataset: { key: c.key }, title: 'Show this code', 'aria-label': `Show code ${c.code}` }, label),
      title, ' ', state);
  }

  staleNote(part, what) {
    if (!part.codes_changed) return '';
    return el('div', { class: 'warning reimb-stale', role: 'note' },
      `${what} computed from the pipeline’s codes, not from the reviewed set: `, (part.changes || []).join('; '), '.',
      part.reviewed ? this.reviewedDrg(part.reviewed) : '');
  }

  // The DRG of the reviewed codes, when the server has the MS-DRG tables.
  reviewedDrg(r) {
    if (r.error) return el('div', { class: 'reviewed-drg', text: `The reviewed codes cannot be grouped: ${r.error}.` });
    const assumed = (r.poa_assumed_u || []).length ? ` POA taken as U for ${r.poa_assumed_u.join(', ')} (not read from the chart).` : '';
    return el('div', { class: 'reviewed-drg' }, 'With the reviewed codes: MS-DRG ', el('strong', { class: 'mono reviewed-drg-number', text: String(r.drg) }),
      ` ${r.title || ''} (MDC ${r.mdc}${r.return_code && r.return_code !== 'OK' ? `, ${r.return_code}` : ''}).${assumed}`);
  }

  drgPart(d) {
    const box = el('div', { class: 'reimb-drg', dataset: { status: d.status || '' } });
    if (d.status !== 'grouped') {
      box.append(el('h3', { text: 'MS-DRG: not grouped' }), el('p', { class: 'muted', text: d.reason || '' }), this.staleNote(d, 'This was'));
      return box;
    }
    box.append(
      el('h3', {}, 'MS-DRG ', el('span', { class: 'drg-number mono', text: String(d.drg) }), ' ', el('span', { class: 'drg-title', text: d.title || '' })),
      el('p', { class: 'muted drg-meta', text: [`MDC ${d.mdc}${d.mdc_title ? ` ${d.mdc_title}` : ''}`, humanize(String(d.med_surg || '').toLowerCase()),
        d.severity ? `severity ${d.severity.replace('_', '-')}` : '', d.return_code && d.return_code !== 'OK' ? `return code ${d.return_code}` : '',
        d.initial ? `initial DRG ${d.initial.drg} before hospital-acquired conditions` : '',
        typeof d.relative_weight === 'number' ? `weight ${d.relative_weight.toFixed(4)}` : ''].filter(Boolean).join(' · ') }),
      this.staleNote(d, 'The DRG was'));
    if ((d.drivers || []).length) {
      box.append(el('h4', { text: 'Codes that drove it' }),
        el('ul', { class: 'reimb-list drg-drivers' }, d.drivers.map((x) => el('li', {}, this.code(x), ' — ', EFFECT_LABEL[x.effect] || x.effect))));
    }
    if ((d.cc_mcc || []).length) {
      box.append(el('h4', { text: 'Secondary diagnoses rated CC / MCC' }),
        el('ul', { class: 'reimb-list drg-cc-mcc' }, d.cc_mcc.map((x) => el('li', {}, this.code(x), ' — ', x.level,
          x.counted ? ', counted' : `, not counted (${humanize(String(x.usage || '').toLowerCase())})`))));
    }
    if ((d.what_if || []).length) box.append(el('h4', { text: 'Documentation hints (what-if)' }), el('ul', { class: 'reimb-list drg-hints' }, d.what_if.map((w) => this.hint(w))));
    return box;
  }

  hint(w) {
    const f = w.if_documented || {};
    const li = el('li', { class: 'drg-hint' },
      el('div', {}, this.code(w), ' → ', el('span', { class: 'mono', text: f.code || '' }), f.title ? ` ${f.title}` : '', f.severity ? ` (${f.severity})` : '',
        ': MS-DRG ', el('span', { class: 'mono hint-drg', text: String(w.drg) }), w.drg_title ? ` ${w.drg_title}` : ''),
      el('p', { class: 'hint-text muted', text: w.hint || '' }));
    if (w.query && canChange()) {
      this.queries.push(w.query);
      li.append(el('button', { type: 'button', class: 'hint-query', dataset: { index: this.queries.length - 1 },
        title: 'Open a physician query about this diagnosis, pre-filled; edit it before creating it', text: 'Query the provider…' }));
    }
    return li;
  }

  hccPart(h) {
    const box = el('div', { class: 'reimb-hcc', dataset: { status: h.status || '' } });
    const score = typeof h.raw_score === 'number' ? ` · raw score ${h.raw_score.toFixed(3)}${h.segment ? ` (${h.segment})` : ''}` : '';
    box.append(el('h3', { text: `${h.model || 'CMS-HCC'} HCCs` }),
      el('p', { class: 'muted', text: h.status === 'scored' ? `Payment year ${h.payment_year}${score}` : (h.reason || humanize(h.status || '')) }),
      this.staleNote(h, 'The HCCs were'));
    const hccs = h.hccs || [];
    if (!hccs.length) box.append(el('p', { class: 'empty', text: 'No HCC from this chart’s codes.' }));
    else {
      box.append(el('ul', { class: 'reimb-list hcc-list' }, hccs.map((x) => el('li', { class: 'hcc', dataset: { hcc: x.hcc, status: x.status } },
        el('strong', { class: 'mono', text: `HCC ${x.hcc}` }), ` ${x.label || ''}`,
        x.status !== 'kept' ? el('span', { class: 'badge', text: x.status === 'dropped_by_hierarchy' ? `dropped by HCC ${x.dropped_by}` : humanize(x.status || '') }) : '',
        el('div', { class: 'hcc-codes' }, (x.codes || []).map((c) => this.code(c)))))));
    }
    if ((h.excluded || []).length) {
      box.append(el('h4', { text: 'Left out, would give an HCC' }),
        el('ul', { class: 'reimb-list hcc-excluded' }, h.excluded.map((x) => el('li', {}, this.code(x), ` — ${humanize(x.reason || '')}: HCC ${(x.hccs || []).join(', ')}`))));
    }
    return box;
  }
}
