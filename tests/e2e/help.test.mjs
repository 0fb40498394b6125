// A newcomer's first minute: install the bot, get welcomed, ask for help in English and in Dutch. Every step is
// driven through the Playground's API and asserted on its websocket, and also watched in the Playground's web UI
// (headless Chromium), which is where the screenshots in docs/screenshots come from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Playground, openBrowser, screenshot } from './lib/harness.mjs';

let stack;
let browser;
before(async () => {
  stack = await startStack();
  browser = await openBrowser();
  await browser.page.goto(stack.playground.url, { waitUntil: 'networkidle' });
  await browser.page.getByRole('textbox').first().waitFor({ timeout: 20000 });
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const shown = (text) => browser.page.getByText(text, { exact: true });

async function waitShown(text, count, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await shown(text).count() >= count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`the Playground UI shows "${text}" ${await shown(text).count()} times, expected ${count}`);
}

test('installing the bot in a personal chat greets the user once, with a card', async () => {
  const since = stack.playground.messages.length;
  await stack.playground.customActivity('install');
  const { card } = await stack.playground.waitForCard(() => true, { since });
  assert.equal(card.type, 'AdaptiveCard');
  const title = Playground.texts(card)[0];
  await waitShown(title, 1);
  await screenshot(browser.page, 'teams-welcome');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(stack.playground.messages.length - since, 1, 'installationUpdate + conversationUpdate must give one welcome');
});

test('"help" is answered with the English help card', async () => {
  const since = stack.playground.messages.length;
  const before = await shown('What I can do').count();
  await stack.playground.send('help');
  const { card } = await stack.playground.waitForCard((c) => Playground.texts(c).includes('What I can do'), { since });
  assert.equal(card.version, '1.5');
  await waitShown('What I can do', before + 1);
  await screenshot(browser.page, 'teams-help-en');
});

test('"hulp" typed in the Playground UI is answered with the Dutch help card', async () => {
  const since = stack.playground.messages.length;
  const box = browser.page.getByRole('textbox').first();
  await box.fill('hulp');
  await box.press('Enter');
  const { card } = await stack.playground.waitForCard((c) => Playground.texts(c).includes('Wat ik kan'), { since });
  assert.ok(Playground.texts(card).some((t) => t.includes('waar staan we')));
  await waitShown('Wat ik kan', 1);
  await screenshot(browser.page, 'teams-help-nl');
});
