// The steering-committee report in a real browser (issue 17): "report" and "rapport" in the Agents Playground give a
// signed link; headless Chromium opens it, finds its sections by their headings, checks alt texts, the lang attribute
// and the contrast of every text, loads the charts, prints it to a multi-page PDF, and saves screenshots for docs/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { startStack, Playground, openBrowser, repo } from './lib/harness.mjs';

const botPort = 3990;
let stack;
let browser;
before(async () => {
  stack = await startStack({
    botPort,
    playgroundPort: 56170,
    botEnv: { ASPNETCORE_HOSTINGSTARTUPASSEMBLIES: '', Bot__PublicBaseUrl: `http://127.0.0.1:${botPort}` },
  });
  browser = await openBrowser({ width: 1000, height: 1300 });
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const sections = {
  en: ['Position and phase', 'The NAV course', 'Trend', 'Per partner', 'Findings and their evidence', 'Advice', 'Commitments', 'Participation', 'What the data cannot tell yet'],
  nl: ['Positie en fase', 'De koers in het NAV-model', 'Trend', 'Per partner', 'Bevindingen en hun onderbouwing', 'Advies', 'Toezeggingen', 'Deelname', 'Wat de gegevens nog niet kunnen zeggen'],
};

const openUrls = (card) => {
  const urls = [];
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.OpenUrl' && n.url) urls.push(n.url);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return urls;
};

async function reportLink(command) {
  const since = stack.playground.messages.length;
  await stack.playground.send(command);
  const { card } = await stack.playground.waitForCard((c) => openUrls(c).some((u) => u.includes('/report/')), { since, timeoutMs: 30000 });
  return openUrls(card).find((u) => u.includes('/report/'));
}

// WCAG 2 contrast of every element that holds text, against the first opaque background behind it.
function contrastProblems() {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = rgb(getComputedStyle(e).backgroundColor);
      if (bg.length >= 3 && (bg.length < 4 || bg[3] > 0.99)) return bg;
    }
    return [255, 255, 255];
  };
  const problems = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim().length > 0);
    if (!own || el.offsetParent === null) continue;
    const fg = lum(rgb(getComputedStyle(el).color));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) problems.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}`);
  }
  return problems;
}

async function checkReport(url, lang) {
  const page = browser.page;
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(await page.locator('main > section > h2').allTextContents(), sections[lang]);
  for (const name of sections[lang]) {
    await page.getByRole('heading', { level: 2, name, exact: true }).waitFor({ timeout: 5000 });
  }

  // Charts: both load, both have alt text.
  const images = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => ({ alt: i.alt, ok: i.complete && i.naturalWidth > 0, src: i.src })));
  assert.equal(images.length, 2, JSON.stringify(images));
  for (const image of images) {
    assert.ok(image.ok, `${image.src} did not load`);
    assert.ok(image.alt.length > 20, `alt text of ${image.src}`);
  }

  assert.deepEqual(await page.evaluate(contrastProblems), []);
  assert.equal(await page.locator('script').count(), 0);

  // Screen: the contents are there; print: no navigation, A4 pages.
  assert.ok(await page.locator('nav.contents').isVisible());
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.contents').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });

  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 2, `the PDF has ${pages} page(s)`);
  assert.ok(pdf.length > 50 * 1024, `${pdf.length} bytes: the charts are in it`);

  const dir = join(repo, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `report-${lang}.png`), fullPage: true });
}

test('"demo" builds the demo alliance with its manager', async () => {
  const since = stack.playground.messages.length;
  await stack.playground.send('demo');
  await stack.playground.waitForCard((c) => Playground.texts(c).some((t) => /demo alliance is ready|demo-alliantie staat klaar/.test(t)), { since, timeoutMs: 60000 });
});

test('"report" links to the English report page: sections, charts, alt texts, contrast, printable to PDF', async () => {
  const url = await reportLink('report');
  assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${botPort}/report/[0-9a-f-]{36}/en\\?exp=\\d+&sig=`));
  await checkReport(url, 'en');
});

test('"rapport" links to the Dutch report page', async () => {
  const url = await reportLink('rapport');
  assert.match(url, /\/report\/[0-9a-f-]{36}\/nl\?/);
  await checkReport(url, 'nl');
});

test('an edited link shows a clear page, not the report', async () => {
  const url = await reportLink('report');
  const page = browser.page;
  const forged = url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A');
  const response = await page.goto(forged);
  assert.equal(response.status(), 403);
  assert.equal(await page.locator('h1').textContent(), 'This report link does not work');
  assert.equal(await page.locator('section, img').count(), 0);
});
