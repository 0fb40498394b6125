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

let installedSince;
let welcomeTitle;

test('installing the bot in a personal chat greets the user with a card', async () => {
  installedSince = stack.playground.messages.length;
  await stack.playground.customActivity('install');
  const { card } = await stack.playground.waitForCard(() => true, { since: installedSince });
  assert.equal(card.type, 'AdaptiveCard');
  welcomeTitle = Playground.texts(card)[0];
  await waitShown(welcomeTitle, 1);
  await screenshot(browser.page, 'teams-welcome');
});

test('"help" is answered with the English help card, and the install was welcomed once', async () => {
  const since = stack.playground.messages.length;
  const before = await shown('What I can do').count();
  await stack.playground.send('help');
  const { card, event } = await stack.playground.waitForCard((c) => Playground.texts(c).includes('What I can do'), { since });
  assert.equal(card.version, '1.5');
  // The help card arrives after everything the install caused (one websocket, in order), so this is the final count.
  const welcomes = stack.playground.messages.slice(installedSince, stack.playground.messages.indexOf(event))
    .filter((e) => (e.message?.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'
      && Playground.texts(typeof a.content === 'string' ? JSON.parse(a.content) : a.content)[0] === welcomeTitle));
  assert.equal(welcomes.length, 1, 'installationUpdate + conversationUpdate must give one welcome');
  await waitShown('What I can do', before + 1);
  await screenshot(browser.page, 'teams-help-en');
});

test('the person is remembered in the bot\'s SQLite database: how to reach them and in which language', () => {
  const { playground, bot } = stack;
  const rows = bot.query('SELECT channel, tenant_id, user_id, service_url, conversation_id, locale, reachable FROM contacts');
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const [contact] = rows;
  assert.equal(contact.channel, 'msteams');
  assert.equal(contact.user_id, playground.me);
  assert.equal(contact.tenant_id, playground.config.tenantId);
  assert.equal(contact.conversation_id, playground.personalChat);
  assert.equal(contact.service_url.replace(/\/$/, ''), `${playground.url}/_connector`);
  assert.ok(contact.locale, 'the Playground sends a locale');
  assert.equal(contact.reachable, 1);
  assert.ok(bot.query('SELECT COUNT(*) AS n FROM inbound_deliveries')[0].n >= 2, 'processed activity ids are persisted');
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
