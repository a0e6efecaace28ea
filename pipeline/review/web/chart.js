// The document side of the chart view: scanned pages (the image as scanned with an SVG overlay in
// the record's page pixel coordinates, evidence boxes drawn on it) and the chart's text (the
// `normalized` view with sections outlined, mentions underlined and code evidence marked).
// Spans are UTF-8 byte offsets; Utf8Index converts them.

import { el, svg, clear, $, $$, cssq, Utf8Index, humanize, formatConfidence, docPath } from './util.js';

const TEXT_VIEW = 'normalized';

export class DocumentView {
  // onSelection({view, begin, end, text} | null); onPickCode(key)
  constructor(root, { onSelection, onPickCode }) {
    this.root = root;
    this.onSelection = onSelection;
    this.onPickCode = onPickCode;
    this.pagesBox = $('#pages', root);
    this.textBox = $('#doc-text', root);
    this.scroller = $('#document-scroll', root);
    this.popover = document.getElementById('popover');
    this.nodeStart = new WeakMap();  // text node -> string index of its first character
    this.selection = null;
    this.active = null;  // {key, evidence, boxes}
    this.zoom = 'fit';
    this.textBox.addEventListener('click', (e) => this.clicked(e));
    document.addEventListener('selectionchange', () => this.selectionChanged());
    $('#popover-close').addEventListener('click', () => this.closePopover(true));
    document.addEventListener('mousedown', (e) => {
      if (!this.popover.hidden && !this.popover.contains(e.target) && !(e.target instanceof Element && e.target.closest('span.mention'))) this.closePopover(false);
    });
    $('#upright', root).addEventListener('change', () => this.applyTurn());
    const zoom = $('#zoom', root);
    zoom.addEventListener('change', () => { this.zoom = zoom.value; this.applyZoom(); });
  }

  // A new chart: pages (if scanned) and text.
  load(id, record, review) {
    this.id = id;
    this.record = record;
    this.review = review;
    this.active = null;
    this.selection = null;
    this.closePopover(false);
    const views = Array.isArray(record.views) ? record.views : [];
    this.view = views.find((v) => v.name === TEXT_VIEW) || views[views.length - 1] || { name: TEXT_VIEW, text: '' };
    this.utf8 = new Utf8Index(String(this.view.text || ''));
    this.mentions = new Map((record.mentions || []).map((m) => [m.id, m]));
    this.sections = new Map((record.sections || []).map((s) => [s.id, s]));
    this.renderPages();
    this.renderText();
    this.scroller.scrollTop = 0;
    this.onSelection(null);
  }

  // The review changed (a decision): the marks follow the codes, the highlight stays.
  update(review) {
    this.review = review;
    const top = this.scroller.scrollTop;
    this.renderText();  // drawActive() puts back the marks of a field or an indicator
    if (this.active) {
      const code = (review.codes || []).find((c) => c.key === this.active.key);
      if (code) this.active = { key: code.key, evidence: code.evidence || [], boxes: code.boxes || [] };
      this.drawActive(false);
    }
    this.scroller.scrollTop = top;
  }

  // ------------------------------------------------------------------------------------------
  // Pages

  renderPages() {
    const pages = Array.isArray(this.record.pages) ? this.record.pages : [];
    clear(this.pagesBox);
    this.root.classList.toggle('scanned', pages.length > 0);
    $('#zoom-control', this.root).hidden = pages.length === 0;
    $('#upright-control', this.root).hidden = !pages.some((p) => Number(p.rotation_deg) % 360);
    $('#text-heading', this.root).textContent = pages.length ? 'Recognised text (normalized)' : 'Chart text';
    this.pagesBox.hidden = pages.length === 0;
    pages.forEach((page, i) => {
      const n = Number(page.number) || i + 1;
      const w = Number(page.width_px) || 1, h = Number(page.height_px) || 1;
      const stretch = page.dpi_x > 0 && page.dpi_y > 0 ? page.dpi_x / page.dpi_y : 1;
      const drawnH = h * stretch;
      // .page keeps the page's drawn proportions (turned upright if the scan was fed turned);
      // .page-turn holds the image and its overlay in the page's own pixel frame, so a turn
      // moves both together.
      const frame = el('div', { class: 'page', dataset: { page: n, width: w, height: h, stretch, rotation: ((Number(page.rotation_deg) || 0) % 360 + 360) % 360 } });
      const turn = el('div', { class: 'page-turn' });
      const img = el('img', {
        class: 'page-image', src: `${docPath(this.id)}/pages/${n}`, loading: i === 0 ? 'eager' : 'lazy', decoding: 'async',
        width: w, height: Math.round(drawnH), alt: `Page ${n} of ${pages.length} as scanned`, draggable: 'false',
      });
      img.addEventListener('error', () => {
        frame.classList.add('missing');
        frame.append(el('p', { class: 'page-missing', text: `Page ${n}: the scanned image is not available (the original file moved or changed since the run).` }));
      }, { once: true });
      const overlay = svg('svg', { class: 'page-overlay', viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
      overlay.dataset.page = String(n);
      turn.append(img, overlay);
      frame.append(turn);
      frame.drawn = { w, h: drawnH };
      const info = [`Page ${n}`];
      if (page.origin) info.push(page.origin.toUpperCase());
      if (typeof page.mean_confidence === 'number') info.push(`OCR confidence ${formatConfidence(page.mean_confidence)}`);
      if (page.rotation_deg) info.push(`scanned turned: drawn ${page.rotation_deg}° clockwise when upright`);
      if (page.skew_deg) info.push(`deskewed ${Number(page.skew_deg).toFixed(1)}°`);
      if (page.dpi_x && page.dpi_y) info.push(stretch !== 1 ? `${page.dpi_x}×${page.dpi_y} dpi, drawn stretched` : `${page.dpi_x} dpi`);
      const caption = el('figcaption', { class: 'page-caption' }, info.join(' · '));
      if (page.needs_review) caption.append(el('span', { class: 'tag warn', text: 'needs review' }));
      for (const r of page.review_reasons || []) caption.append(el('span', { class: 'reason', text: r }));
      this.pagesBox.append(el('figure', { class: 'page-figure', dataset: { page: n } }, frame, caption));
    });
    this.applyZoom();
    this.applyTurn();
  }

  // Pages scanned sideways or upside down are drawn upright (the record says which quarter
  // turns, clockwise, made them readable); "as scanned" draws them as they came.
  applyTurn() {
    const upright = $('#upright', this.root).checked;
    for (const frame of $$('div.page', this.pagesBox)) {
      const deg = upright ? Number(frame.dataset.rotation) || 0 : 0;
      const { w, h } = frame.drawn;
      const turn = frame.firstElementChild;
      frame.dataset.turn = String(deg);
      if (deg === 90 || deg === 270) {
        frame.style.aspectRatio = `${h} / ${w}`;
        turn.style.width = `${(w / h) * 100}%`;
        turn.style.height = `${(h / w) * 100}%`;
      } else {
        frame.style.aspectRatio = `${w} / ${h}`;
        turn.style.width = '100%';
        turn.style.height = '100%';
      }
      turn.style.transform = `translate(-50%, -50%) rotate(${deg}deg)`;
    }
  }

  applyZoom() {
    for (const frame of $$('div.page', this.pagesBox)) {
      const fig = frame.parentElement;
      if (this.zoom === 'fit') fig.style.width = '';
      else fig.style.width = `${Math.round(Number(frame.dataset.width) * Number(this.zoom))}px`;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Text

  renderText(extra = null) {
    const u = this.utf8;
    const text = u.text;
    const viewName = this.view.name;
    const inView = (s) => s && (s.view === undefined || s.view === viewName) && Number.isFinite(s.begin) && Number.isFinite(s.end) && s.end > s.begin;
    const toRange = (s) => [u.index(s.begin), u.index(s.end, true)];

    const sections = (this.record.sections || []).filter(inView).map((s) => ({ s, r: toRange(s) })).sort((a, b) => a.r[0] - b.r[0]);
    const mentions = (this.record.mentions || []).filter(inView).map((m) => ({ id: m.id, m, r: toRange(m) }));
    const marks = [];
    for (const code of this.review.codes || []) {
      for (const ev of code.evidence || []) if (inView(ev)) marks.push({ key: code.key, r: toRange(ev), code });
    }
    if (extra) for (const ev of extra.evidence) if (inView(ev)) marks.push({ key: extra.key, r: toRange(ev), focus: true });

    // Cut the text where any span starts or ends; each piece knows what covers it.
    const cuts = new Set([0, text.length]);
    for (const x of [...sections, ...mentions, ...marks]) { cuts.add(x.r[0]); cuts.add(x.r[1]); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    // Outer spans first: earlier start, then longer.
    const order = (a, b) => a.r[0] - b.r[0] || b.r[1] - a.r[1];
    mentions.sort(order);
    marks.sort(order);

    const frag = document.createDocumentFragment();
    this.nodeStart = new WeakMap();
    let sectionIndex = 0;
    let current = null;  // {sec, node}
    let mi = 0, ki = 0;
    let activeMentions = [], activeMarks = [];
    for (let p = 0; p + 1 < points.length; p++) {
      const a = points[p], b = points[p + 1];
      if (a === b) continue;
      while (mi < mentions.length && mentions[mi].r[0] <= a) activeMentions.push(mentions[mi++]);
      while (ki < marks.length && marks[ki].r[0] <= a) activeMarks.push(marks[ki++]);
      activeMentions = activeMentions.filter((x) => x.r[1] > a);
      activeMarks = activeMarks.filter((x) => x.r[1] > a);
      while (sectionIndex < sections.length && sections[sectionIndex].r[1] <= a) sectionIndex++;
      const sec = sectionIndex < sections.length && sections[sectionIndex].r[0] <= a ? sections[sectionIndex] : null;
      if (!current || current.sec !== sec) {
        if (sec) {
          const cat = sec.s.category || 'section';
          const node = el('div', { class: 'doc-section', dataset: { sectionId: sec.s.id, category: cat, label: humanize(cat) } });
          frag.append(node);
          current = { sec, node };
        } else {
          current = { sec: null, node: null };
        }
      }
      const piece = text.slice(a, b);
      const t = document.createTextNode(piece);
      this.nodeStart.set(t, a);
      let node = t;
      if (!sec && /^\s+$/.test(piece) && (sections.length > 0)) {
        // Blank lines between outlined sections: kept in the DOM (offsets) but not drawn.
        node = el('span', { class: 'gap' }, t);
      }
      for (let k = activeMentions.length - 1; k >= 0; k--) {
        const m = activeMentions[k].m;
        const status = (m.assertion && m.assertion.status) || 'affirmed';
        node = el('span', { class: `mention assert-${status}`, dataset: { mentionId: m.id } }, node);
      }
      for (let k = activeMarks.length - 1; k >= 0; k--) {
        const x = activeMarks[k];
        node = el('mark', { class: ['evidence', x.focus && 'focus', x.code && x.code.state === 'rejected' && 'rejected'], dataset: { codeKey: x.key } }, node);
      }
      (current.node || frag).append(node);
    }
    clear(this.textBox);
    this.textBox.append(frag);
    this.focusKey = extra ? extra.key : '';
    this.textBox.dataset.view = viewName;
  }

  // ------------------------------------------------------------------------------------------
  // Highlighting a code's (or a field's, or an indicator's) evidence

  highlight(item, scroll = true) {
    this.active = item ? { key: item.key, evidence: item.evidence || [], boxes: item.boxes || [], adhoc: Boolean(item.adhoc) } : null;
    this.drawActive(scroll);
  }

  drawActive(scroll) {
    const item = this.active;
    const codeMarks = item && !item.adhoc && this.textBox.querySelector(`mark.evidence:not(.focus)[data-code-key="${cssq(item.key)}"]`);
    const wantFocus = item && !codeMarks && item.evidence.length ? item.key : '';
    if (wantFocus !== this.focusKey) this.renderText(wantFocus ? { key: item.key, evidence: item.evidence } : null);
    for (const m of $$('mark.evidence.active', this.textBox)) m.classList.remove('active');
    for (const r of $$('rect.evidence-box', this.pagesBox)) r.remove();
    if (!item) return;
    const marks = $$(`mark.evidence[data-code-key="${cssq(item.key)}"]`, this.textBox);
    for (const m of marks) m.classList.add('active');
    let firstBox = null;
    for (const box of item.boxes) {
      const overlay = this.pagesBox.querySelector(`svg.page-overlay[data-page="${cssq(box.page)}"]`);
      if (!overlay) continue;
      const rect = svg('rect', {
        class: 'evidence-box', x: box.x, y: box.y, width: box.w, height: box.h,
        'data-page': box.page, 'data-x': box.x, 'data-y': box.y, 'data-w': box.w, 'data-h': box.h,
      });
      overlay.append(rect);
      if (!firstBox) firstBox = rect;
    }
    if (!scroll) return;
    const target = firstBox || marks[0];
    if (target) this.scrollTo(target);
  }

  scrollTo(target) {
    const box = target.getBoundingClientRect();
    const pane = this.scroller.getBoundingClientRect();
    const offset = box.top - pane.top - (pane.height - Math.min(box.height, pane.height)) / 2;
    this.scroller.scrollTop += offset;
    // The document pane may be the page itself on narrow screens.
    const after = target.getBoundingClientRect();
    if (after.bottom < 0 || after.top > window.innerHeight) target.scrollIntoView({ block: 'center' });
  }

  // ------------------------------------------------------------------------------------------
  // Mentions: a popover with what the NLP made of the words

  clicked(e) {
    if (!(e.target instanceof Element)) return;
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed && this.textBox.contains(sel.anchorNode)) return;  // selecting text
    const span = e.target.closest('span.mention');
    if (!span) {
      // Marked evidence that is no mention (a code the coder added): select its code.
      const mark = e.target.closest('mark.evidence:not(.focus)');
      if (mark) this.onPickCode(mark.dataset.codeKey);
      return;
    }
    const covering = [];
    for (let n = span; n && n !== this.textBox; n = n.parentElement) if (n.matches('span.mention')) covering.push(n.dataset.mentionId);
    const mention = this.mentions.get(covering[0]);
    if (mention) this.openPopover(mention, span, covering.slice(1));
  }

  spanText(s) {
    if (!s || (s.view && s.view !== this.view.name)) return '';
    return this.utf8.slice(s.begin, s.end);
  }

  openPopover(m, anchor, others) {
    const p = this.popover;
    const body = clear($('#popover-body', p));
    $('#popover-title', p).textContent = m.matched_term || this.spanText(m) || m.id;
    const a = m.assertion || {};
    const status = a.status || 'affirmed';
    const dl = el('dl', { class: 'facts' });
    const fact = (k, ...v) => dl.append(el('dt', { text: k }), el('dd', {}, ...v));
    fact('Text', el('q', { text: this.spanText(m) }));
    fact('Kind', humanize(m.kind || ''));
    const flags = ['negated', 'uncertain', 'hypothetical', 'historical'].filter((f) => a[f]);
    fact('Assertion', el('span', { class: `assertion assert-${status}`, text: status }), flags.length ? ` (${flags.join(', ')})` : '', a.experiencer && a.experiencer !== 'patient' ? ` · experiencer: ${a.experiencer}` : '');
    const triggers = a.triggers || [];
    fact('Triggers', triggers.length
      ? el('ul', { class: 'triggers' }, triggers.map((t) => el('li', {}, el('span', { class: 'trigger-type', text: t.type || '' }), ' ', el('q', { text: this.spanText(t) || t.rule || '' }))))
      : 'none');
    const sec = this.sections.get(m.section_id);
    fact('Section', sec ? humanize(sec.category) : '(none)', sec && sec.header ? el('span', { class: 'muted', text: ` “${this.spanText(sec.header).trim()}”` }) : '');
    const concepts = m.concepts || [];
    if (concepts.length) fact('Concepts', el('ul', { class: 'concepts' }, concepts.map((c) => el('li', {}, el('span', { class: 'mono', text: c.code }), ` ${c.display || ''}`, c.score !== undefined ? el('span', { class: 'muted', text: ` ${formatConfidence(c.score)}` }) : ''))));
    const codes = (this.review.codes || []).filter((c) => (c.mention_ids || []).includes(m.id));
    if (codes.length) {
      fact('Coded as', el('ul', { class: 'popover-codes' }, codes.map((c) => el('li', {},
        el('button', { type: 'button', class: 'link', text: c.code, onclick: () => { this.closePopover(false); this.onPickCode(c.key); } }),
        ` ${c.display || ''}`))));
    }
    if (others.length) fact('Inside', others.map((id) => (this.mentions.get(id) || {}).matched_term || id).join(', '));
    body.append(dl);
    p.hidden = false;
    p.dataset.mentionId = m.id;
    const r = anchor.getBoundingClientRect();
    const width = Math.min(380, window.innerWidth - 16);
    p.style.width = `${width}px`;
    const left = Math.max(8, Math.min(window.innerWidth - width - 8, r.left));
    const below = r.bottom + 6;
    const height = p.offsetHeight;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, r.top - height - 6) : below;
    p.style.left = `${left + window.scrollX}px`;
    p.style.top = `${top + window.scrollY}px`;
    this.popoverAnchor = anchor;
    $('#popover-close', p).focus({ preventScroll: true });
  }

  closePopover(returnFocus) {
    if (this.popover.hidden) return false;
    this.popover.hidden = true;
    if (returnFocus) this.textBox.focus({ preventScroll: true });
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Selected text -> byte offsets in the view (for "add code from selected text")

  selectionChanged() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0) return;
    const inside = this.textBox.contains(sel.anchorNode) || this.textBox.contains(sel.focusNode);
    if (!inside) return;  // clicking a button elsewhere keeps what was selected
    if (sel.isCollapsed) { this.setSelection(null); return; }
    const range = sel.getRangeAt(0);
    let begin = this.pointIndex(range.startContainer, range.startOffset, false);
    let end = this.pointIndex(range.endContainer, range.endOffset, true);
    if (begin === null || end === null || end <= begin) { this.setSelection(null); return; }
    const text = this.utf8.text;
    while (begin < end && /\s/.test(text[begin])) begin++;
    while (end > begin && /\s/.test(text[end - 1])) end--;
    if (end <= begin) { this.setSelection(null); return; }
    this.setSelection({ view: this.view.name, begin: this.utf8.byte(begin), end: this.utf8.byte(end), text: text.slice(begin, end) });
  }

  setSelection(s) {
    const same = (a, b) => (a === b) || (a && b && a.begin === b.begin && a.end === b.end);
    if (same(this.selection, s)) return;
    this.selection = s;
    this.onSelection(s);
  }

  // A DOM boundary point -> index into the view's text.
  pointIndex(node, offset, isEnd) {
    if (!this.textBox.contains(node) && node !== this.textBox) return isEnd ? this.utf8.text.length : 0;
    if (node.nodeType === Node.TEXT_NODE) {
      const start = this.nodeStart.get(node);
      return start === undefined ? null : start + Math.min(offset, node.data.length);
    }
    // An element boundary: the text node after it (or the end of the one before).
    const walker = document.createTreeWalker(this.textBox, NodeFilter.SHOW_TEXT);
    const after = offset < node.childNodes.length ? node.childNodes[offset] : null;
    if (after) {
      walker.currentNode = after;
      let t = after.nodeType === Node.TEXT_NODE ? after : walker.nextNode();
      while (t && this.nodeStart.get(t) === undefined) t = walker.nextNode();
      if (t) return this.nodeStart.get(t);
      return this.utf8.text.length;
    }
    // After the last child: the end of the last text node inside node (or before it).
    let last = null;
    const inner = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = inner.nextNode(); t; t = inner.nextNode()) if (this.nodeStart.get(t) !== undefined) last = t;
    if (last) return this.nodeStart.get(last) + last.data.length;
    return isEnd ? this.utf8.text.length : 0;
  }

  clearSelection() {
    const sel = window.getSelection();
    if (sel && this.textBox.contains(sel.anchorNode)) sel.removeAllRanges();
    this.setSelection(null);
  }
}
