// Opens the report.html of a chartflow run in headless Chromium and checks that it renders as a
// back-office operator would see it: no console errors or warnings, no page errors, nothing
// fetched, the counts agreeing with summary.json, both charts drawn, a hostile input name shown
// as text. Then it checks itself: two spoiled copies of the page (a script that logs an error, a
// chart gone) must each be caught, so a checker that sees nothing cannot pass.
//
// node check_report.mjs OUTPUT_FOLDER HOSTILE_INPUT_NAME [SCREENSHOT.png]
import puppeteer from 'puppeteer-core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outputFolder, hostileName, screenshot] = process.argv.slice(2);
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';

// Everything the page shows that the checks need, read in the browser (so after parsing and
// layout, not from the markup).
function readPage() {
  const text = (selector) => document.querySelector(selector)?.textContent.trim() ?? null;
  const chart = (id) => {
    const svg = document.getElementById(id);
    if (!svg || svg.tagName.toLowerCase() !== 'svg') return null;
    const box = svg.getBoundingClientRect();
    const rects = [...svg.querySelectorAll('rect')];
    return {
      title: svg.querySelector(':scope > title')?.textContent ?? '',
      labelledBy: document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      width: box.width, height: box.height,
      columns: rects.length,
      drawn: rects.filter((r) => r.getBBox().height > 0).length,
    };
  };
  const counts = {};
  for (const dd of document.querySelectorAll('dd[id^="count-"]')) counts[dd.id.slice(6)] = Number(dd.textContent);
  return {
    title: document.title, h1: text('h1'), state: text('#batch-state'),
    headings: document.querySelectorAll('h2').length,
    counts,
    throughput: chart('chart-throughput'), confidence: chart('chart-confidence'),
    quarantinedInputs: [...document.querySelectorAll('#quarantined-inputs tbody tr td:first-child')].map((td) => td.textContent),
    tableHeaders: document.querySelectorAll('th[scope="col"]').length,
    codes: document.querySelectorAll('#top-codes tbody tr').length,
    active: document.querySelectorAll('script, img, iframe, object, embed, link, [onerror], [onload]').length,
  };
}

async function inspect(browser, file, summary) {
  const problems = [];
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  page.on('console', (m) => { if (['error', 'warn', 'warning', 'assert'].includes(m.type())) problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => { if (r.url() !== url) problems.push(`fetched ${r.url()}`); });
  await page.setViewport({ width: 1200, height: 900 });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) problems.push(`could not open ${url}`);
  const seen = await page.evaluate(readPage);
  if (screenshot && file.endsWith('report.html')) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  const expect = (ok, what) => { if (!ok) problems.push(what); };
  expect(seen.title.startsWith('chartflow batch report'), `title is "${seen.title}"`);
  expect(seen.h1 === 'Batch report', `h1 is "${seen.h1}"`);
  expect(/^Complete/.test(seen.state ?? ''), `state is "${seen.state}"`);
  expect(seen.headings >= 6, `${seen.headings} section headings`);
  const fromSummary = { inputs: summary.inputs, written: summary.written, skipped: summary.skipped_already_done,
    quarantined: summary.quarantined, duplicates: summary.duplicates, 'not-processed': summary.not_processed };
  for (const [key, n] of Object.entries(fromSummary)) expect(seen.counts[key] === n, `count ${key}: page says ${seen.counts[key]}, summary.json ${n}`);
  for (const [name, chart, columns] of [['throughput', seen.throughput, null], ['OCR confidence', seen.confidence, 20]]) {
    if (!chart) { problems.push(`no ${name} chart`); continue; }
    expect(chart.title !== '' && chart.labelledBy === chart.title, `the ${name} chart has no accessible title`);
    expect(chart.width > 300 && chart.height > 100, `the ${name} chart is ${chart.width}x${chart.height}`);
    expect(columns === null ? chart.columns > 0 : chart.columns === columns, `the ${name} chart has ${chart.columns} columns`);
    expect(chart.drawn > 0, `the ${name} chart draws no column`);
  }
  expect(seen.quarantinedInputs.length === summary.quarantined, `${seen.quarantinedInputs.length} quarantined inputs listed`);
  expect(seen.quarantinedInputs.includes(hostileName), `the input "${hostileName}" is not shown as text`);
  expect(seen.tableHeaders >= 7, `${seen.tableHeaders} column headers`);
  expect(seen.codes > 0, 'no code listed');
  expect(seen.active === 0, `${seen.active} scripts, images, frames or event handlers in the page`);
  return problems;
}

const report = join(outputFolder, 'report.html');
const summary = JSON.parse(await readFile(join(outputFolder, 'summary.json'), 'utf8'));
const html = await readFile(report, 'utf8');
const spoiled = {
  'a script logging an error': html.replace('</body>', "<script>console.error('x')</script></body>"),
  'the confidence chart gone': html.replace('id="chart-confidence"', 'id="chart-gone"'),
};

const browser = await puppeteer.launch({
  executablePath: browserPath,
  headless: true,
  pipe: true,  // DevTools over a pipe: no port opened at all
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions'],
});
let failed = false;
try {
  const problems = await inspect(browser, report, summary);
  for (const p of problems) console.error(`report.html: ${p}`);
  failed = problems.length > 0;
  for (const [what, page] of Object.entries(spoiled)) {
    const file = join(outputFolder, 'spoiled.html');
    await writeFile(file, page);
    const caught = await inspect(browser, file, summary);
    if (caught.length === 0) {
      console.error(`the checker missed a spoiled page (${what})`);
      failed = true;
    }
  }
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log(`report.html renders cleanly (${html.length} bytes, ${summary.inputs} inputs)`);
