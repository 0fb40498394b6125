// Issue 17, commitments in the Agents Playground: the demo alliance's manager turns advice into commitments by typing
// "commit 2" and by clicking an advice item's Commit button, lists them, marks one done, and refusals store nothing.
// Driven through the Playground's API and websocket (the bot runs on real SQLite); the list card is screenshotted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Playground, openBrowser, screenshot } from './lib/harness.mjs';

let stack;
let browser;
before(async () => {
  stack = await startStack({ botPort: 3991, playgroundPort: 56170 });
  browser = await openBrowser({ width: 1100, height: 1800 });
  await browser.page.goto(stack.playground.url, { waitUntil: 'networkidle' });
  await browser.page.getByRole('textbox').first().waitFor({ timeout: 20000 });
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Every Action.Execute (with its Action.Submit fallback) in a card, wherever it sits (item buttons are in columns). */
const executes = (card) => {
  const out = [];
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute') out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
};

const hasText = (pattern) => (c) => Playground.texts(c).some((t) => pattern.test(t));
const commitments = () => stack.bot.query('SELECT number, advice_id, status FROM commitments ORDER BY number');

test('the demo manager sees numbered advice with a Commit button per item', async () => {
  let since = stack.playground.messages.length;
  await stack.playground.send('demo');
  await stack.playground.waitForCard(hasText(/demo alliance is ready/), { since, timeoutMs: 60000 });

  since = stack.playground.messages.length;
  await stack.playground.send('what moves us right?');
  const { card, messageId } = await stack.playground.waitForCard(hasText(/^B\. What moves us further right\?/), { since, timeoutMs: 30000 });
  assert.ok(Playground.texts(card).some((t) => /^1\. /.test(t)), 'advice items are numbered');
  const commits = executes(card).filter((a) => a.verb === 'commitment.make');
  assert.ok(commits.length >= 2, `${commits.length} Commit buttons`);
  assert.ok(commits.every((a) => a.title === 'Commit' && a.data.advice && a.data.alliance));

  // Bad input first: nothing is stored.
  for (const [text, answer] of [['commit 99', /There is no item 99/], ['commit x', /"x" is not an item number/], ['done 5', /There is no commitment 5/]]) {
    since = stack.playground.messages.length;
    await stack.playground.send(text);
    await stack.playground.waitForMessage((e) => answer.test(e.message?.text ?? ''), { since, timeoutMs: 15000 });
  }
  assert.deepEqual(commitments(), []);

  // Typed, then clicked (the Action.Submit fallback, as a client without Action.Execute sends it).
  since = stack.playground.messages.length;
  await stack.playground.send('commit 1');
  await stack.playground.waitForCard((c) => Playground.texts(c).includes('Commitment 1 made'), { since, timeoutMs: 15000 });
  since = stack.playground.messages.length;
  await stack.playground.submit(messageId, { ...commits[1].fallback.data });
  await stack.playground.waitForCard((c) => Playground.texts(c).includes('Commitment 2 made'), { since, timeoutMs: 15000 });
  assert.deepEqual(commitments().map((c) => [c.number, c.advice_id, c.status]), [[1, commits[0].data.advice, 'open'], [2, commits[1].data.advice, 'open']]);
});

test('"done 1" keeps it, and "commitments" lists kept and open for the alliance', async () => {
  let since = stack.playground.messages.length;
  await stack.playground.send('done 1');
  await stack.playground.waitForCard((c) => Playground.texts(c).includes('Commitment 1 kept'), { since, timeoutMs: 15000 });

  since = stack.playground.messages.length;
  const box = browser.page.getByRole('textbox').first();
  await box.fill('commitments');
  await box.press('Enter');
  const { card } = await stack.playground.waitForCard((c) => Playground.texts(c).includes('1 kept, 0 missed, 1 open.'), { since, timeoutMs: 15000 });
  const texts = Playground.texts(card);
  assert.ok(texts.some((t) => /^#1 .*kept/.test(t)), texts.join('\n'));
  assert.ok(texts.some((t) => /^#2 .*open, due when round \d+ closes/.test(t)), texts.join('\n'));
  assert.deepEqual(commitments().map((c) => c.status), ['kept', 'open']);
  assert.ok(stack.bot.query("SELECT action FROM audit_log WHERE action LIKE 'commitment.%'").length >= 3);

  const shown = browser.page.getByText('1 kept, 0 missed, 1 open.').last();
  await shown.waitFor({ timeout: 20000 });
  await screenshot(browser.page, 'commitments-list.en');
});
