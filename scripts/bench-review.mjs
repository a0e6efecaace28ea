// Workstation benchmark (issue 14): in headless Chromium against real `chartflow review` servers,
// the time to first paint of (a) a 20-page scanned chart next to a 1-page one and (b) a worklist of
// 10,000 documents next to one of 10, measured side by side in one run and printed as ratios.
//
// node bench-review.mjs URL_1PAGE DOC_1PAGE URL_20PAGES DOC_20PAGES URL_10DOCS URL_10000DOCS [RUNS]
import puppeteer from 'puppeteer-core';

const [onePageUrl, onePageDoc, twentyUrl, twentyDoc, tenUrl, tenThousandUrl, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);

async function measure(browser, url, ready) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(ready, { timeout: 120000, polling: 'raf' });
  const ms = Date.now() - t0;
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await page.close();
  return { ms, fcp };
}

// A chart is painted when its first page image has decoded and the codes are listed.
const chartReady = () => {
  const img = document.querySelector('img.page-image');
  return img && img.complete && img.naturalWidth > 0 && document.querySelector('tr.code-row');
};
const worklistReady = () => document.querySelector('#worklist tr.doc-row') !== null;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function series(browser, label, url, ready) {
  await measure(browser, url, ready);  // warm-up: the server reads and caches the records once
  const times = [];
  for (let i = 0; i < runs; ++i) times.push((await measure(browser, url, ready)).ms);
  return { label, ms: median(times) };
}

const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const cold = await measure(browser, tenThousandUrl, worklistReady);  // first request: 10,000 files read
  const results = [];
  // Side by side, interleaved, so drift on a noisy machine hits both alike.
  const one = await series(browser, 'scanned chart, 1 page', `${onePageUrl}#/doc/${onePageDoc}`, chartReady);
  const twenty = await series(browser, 'scanned chart, 20 pages', `${twentyUrl}#/doc/${twentyDoc}`, chartReady);
  const ten = await series(browser, 'worklist, 10 documents', tenUrl, worklistReady);
  const many = await series(browser, 'worklist, 10,000 documents', tenThousandUrl, worklistReady);
  results.push(one, twenty, ten, many);
  console.log(`workstation benchmark (median of ${runs} loads after a warm-up, headless Chromium, same machine, one run)`);
  for (const r of results) console.log(`  ${r.label.padEnd(30)} ${String(r.ms).padStart(6)} ms to first paint`);
  console.log(`  20-page chart / 1-page chart:        ${(twenty.ms / one.ms).toFixed(2)}x`);
  console.log(`  10,000-document worklist / 10:       ${(many.ms / ten.ms).toFixed(2)}x`);
  console.log(`  10,000-document worklist, first load (server reads every record): ${cold.ms} ms`);
} finally {
  await browser.close();
}
