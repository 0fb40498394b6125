// "demo", then "waar staan we in het model?" in the Agents Playground: the Dutch health-check card arrives, its NAV
// picture and trend chart load from the bot as PNGs, and the Playground UI shows the card (screenshot for docs/).
// The bot runs on real SQLite: this test switches the test-only storage stand-in off, whatever the harness default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Playground, openBrowser, screenshot } from './lib/harness.mjs';

const botPort = 3988;
let stack;
let browser;
before(async () => {
  stack = await startStack({
    botPort,
    playgroundPort: 56160,
    botEnv: { ASPNETCORE_HOSTINGSTARTUPASSEMBLIES: '', Bot__PublicBaseUrl: `http://127.0.0.1:${botPort}` },
  });
  browser = await openBrowser({ width: 1280, height: 2400 });
  await browser.page.goto(stack.playground.url, { waitUntil: 'networkidle' });
  await browser.page.getByRole('textbox').first().waitFor({ timeout: 20000 });
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const images = (card) => {
  const urls = [];
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Image' && n.url) urls.push(n.url);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return urls;
};

async function fetchPng(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  assert.equal(response.headers.get('content-type'), 'image/png');
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.ok(bytes.length < 200 * 1024, `${bytes.length} bytes`);
}

test('"demo" builds the demo alliance', async () => {
  const since = stack.playground.messages.length;
  await stack.playground.send('demo');
  const { card } = await stack.playground.waitForCard((c) => Playground.texts(c).some((t) => /demo alliance is ready|demo-alliantie staat klaar/.test(t)), { since, timeoutMs: 60000 });
  assert.equal(card.version, '1.5');
});

test('"waar staan we in het model?" returns the Dutch health check with its charts loading', async () => {
  const since = stack.playground.messages.length;
  const box = browser.page.getByRole('textbox').first();
  await box.fill('waar staan we in het model?');
  await box.press('Enter');
  const { card } = await stack.playground.waitForCard((c) => Playground.texts(c).includes('Waar staan we in het model?'), { since, timeoutMs: 30000 });
  const texts = Playground.texts(card);
  assert.ok(texts.includes('A. Waar staan we in het model?'));
  assert.ok(texts.includes('B. Wat brengt ons verder naar rechts?'));
  assert.ok(texts.some((t) => t.startsWith('Fase 3 van 3')));

  const urls = images(card);
  assert.ok(urls.some((u) => u.includes('/nav.nl.png')), `NAV picture in ${urls}`);
  assert.ok(urls.some((u) => u.includes('/trend.nl.png')), `trend fallback in ${urls}`);
  for (const url of urls) await fetchPng(url);

  // The Playground UI shows the card with the NAV picture loaded.
  const picture = browser.page.locator('img[src*="/nav.nl.png"]').first();
  await picture.waitFor({ timeout: 30000 });
  await browser.page.waitForFunction(() => Array.from(document.querySelectorAll('img[src*="/nav.nl.png"]')).some((i) => i.complete && i.naturalWidth > 0), null, { timeout: 30000 });
  await picture.scrollIntoViewIfNeeded();
  await screenshot(browser.page, 'teams-healthcheck-nl');
});
