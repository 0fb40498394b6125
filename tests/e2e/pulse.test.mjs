// A pulse round end to end in the Agents Playground, on the real bot (Release build, real SQLite, Quartz on the
// SQLite job store): Alex creates an alliance (so he is its manager), "pulse now" delivers the pulse card to his
// personal chat through the Playground's connector, he answers through Action.Execute (invoke) and again through the
// Action.Submit fallback (the card is updated in place), the answers are read back from the database, and when the
// short round closes the manager's "round closed" card arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Playground } from './lib/harness.mjs';

const BOT_PORT = 3982;
const PLAYGROUND_PORT = 56154;
// 0.0004 days ≈ 35 s: long enough to answer twice, short enough to wait for the close in the test.
const CLOSE_AFTER_DAYS = '0.0004';

let stack;
let playground;
let bot;
const shared = {};

before(async () => {
  stack = await startStack({
    botPort: BOT_PORT,
    playgroundPort: PLAYGROUND_PORT,
    botEnv: {
      Scheduling__Enabled: 'true',
      Scheduling__Rounds__CloseAfterDays: CLOSE_AFTER_DAYS,
      // Reminders must fall before the close; this round is too short for any.
      Scheduling__Rounds__RemindAfterDays: '',
    },
  });
  ({ playground, bot } = stack);
});
after(async () => {
  await stack?.stop();
});

/** Every element of a card (depth first) that satisfies `predicate`. */
function elements(card, predicate) {
  const out = [];
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (predicate(n)) out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const choiceIds = (card) => elements(card, (n) => n.type === 'Input.ChoiceSet').map((n) => n.id);
const executeWithVerb = (card, verb) => elements(card, (n) => n.type === 'Action.Execute' && n.verb === verb)[0];

function storedAnswers() {
  return Object.fromEntries(bot.query(`SELECT item_id, answer FROM responses WHERE round_id = '${shared.roundId}' ORDER BY item_id`)
    .map((r) => [r.item_id, r.answer]));
}

test('Alex creates an alliance in one line and is its manager', async () => {
  const since = playground.messages.length;
  await playground.send('create alliance "Acme–Initech" as Acme with Initech tz Europe/Amsterdam lang en');
  const { card } = await playground.waitForCard((c) => Playground.texts(c).some((t) => t.startsWith('Alliance "Acme–Initech" created')), { since, timeoutMs: 20000 });
  assert.ok(Playground.texts(card).some((t) => t.includes('You are the first manager of Acme')), Playground.texts(card).join(' | '));
  const [member] = bot.query("SELECT m.role FROM members m JOIN contacts c ON c.id = m.contact_id WHERE c.user_id = 'user-id-0'");
  assert.equal(member?.role?.toLowerCase(), 'manager');
});

test('"pulse now" opens round 1 and the outbox delivers the pulse card to the personal chat via the Playground connector', async () => {
  const since = playground.messages.length;
  await playground.send('pulse now');
  await playground.waitForMessage((e) => JSON.stringify(e.message ?? {}).includes('Round 1 is open: 1 members'), { since, timeoutMs: 20000 });
  const pulse = await playground.waitForCard((c) => Playground.texts(c).includes('Monthly pulse: Acme–Initech'), { since, timeoutMs: 30000 });
  assert.equal(pulse.event.action, 'createMessage');
  shared.pulse = pulse;
  shared.items = choiceIds(pulse.card);
  assert.ok(shared.items.length >= 2, `choice inputs: ${shared.items}`);
  const submit = executeWithVerb(pulse.card, 'pulse.submit');
  assert.ok(submit, 'the card has an Action.Execute pulse.submit');
  assert.equal(submit.fallback?.type, 'Action.Submit');
  shared.data = submit.data;

  const [round] = bot.query('SELECT id, number, closed_at FROM rounds');
  assert.equal(round.number, 1);
  assert.equal(round.closed_at, null);
  shared.roundId = round.id;
  // SQLite stores Guids as upper-case text; the card carries them in the "D" format.
  assert.equal(shared.data.round.toLowerCase(), round.id.toLowerCase());

  // The dispatcher sent it proactively to the stored conversation reference, which points at this Playground.
  const [contact] = bot.query("SELECT service_url, conversation_id FROM contacts WHERE user_id = 'user-id-0'");
  assert.equal(contact.service_url.replace(/\/$/, ''), `${playground.url}/_connector`);
  assert.equal(contact.conversation_id, playground.personalChat);
  const outbox = bot.query(`SELECT status, channel_message_id FROM outbox WHERE round_id = '${round.id}' AND kind = 'pulse'`);
  assert.equal(outbox.length, 1, JSON.stringify(outbox));
  assert.equal(outbox[0].status.toLowerCase(), 'sent');
  assert.equal(outbox[0].channel_message_id, pulse.messageId);
});

test('answering via Action.Execute stores the answers and the invoke response is the thank-you showing them', async () => {
  const answers = Object.fromEntries(shared.items.map((id, i) => [id, String((i % 5) + 1)]));
  const result = await playground.invoke(shared.pulse.messageId, { verb: 'pulse.submit', data: { ...shared.data, ...answers, comment: 'Good start' } });
  const body = JSON.stringify(result);
  assert.ok(body.includes('Thank you!'), body.slice(0, 1500));
  assert.ok(body.includes('What you answered'), body.slice(0, 1500));
  assert.deepEqual(storedAnswers(), Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Number(v)])));
  assert.equal(bot.query(`SELECT count(*) AS n FROM comments WHERE round_id = '${shared.roundId}'`)[0].n, 1);
});

test('a second answer via the Action.Submit fallback changes them and updates the card in place', async () => {
  const since = playground.messages.length;
  const answers = Object.fromEntries(shared.items.map((id) => [id, '5']));
  await playground.submit(shared.pulse.messageId, { verb: 'pulse.submit', ...shared.data, ...answers });
  const update = await playground.waitForCard((c) => Playground.texts(c).includes('Thank you!'), { since, timeoutMs: 20000 });
  assert.equal(update.event.action, 'updateMessage');
  assert.equal(update.messageId, shared.pulse.messageId);
  // The thank-you shows what is stored now: every statement "5 · Strongly agree" (the item bank's label).
  const facts = elements(update.card, (n) => n.type === 'FactSet').flatMap((f) => f.facts);
  assert.equal(facts.filter((f) => f.value.startsWith('5 · ')).length, shared.items.length, JSON.stringify(facts));
  assert.deepEqual(storedAnswers(), Object.fromEntries(shared.items.map((id) => [id, 5])));
});

test('a value outside 1–5 is refused and stores nothing', async () => {
  const since = playground.messages.length;
  const answers = Object.fromEntries(shared.items.map((id) => [id, '6']));
  await playground.submit(shared.pulse.messageId, { verb: 'pulse.submit', ...shared.data, ...answers });
  const update = await playground.waitForCard((c) => Playground.texts(c).some((t) => t.startsWith('Each answer must be a whole number from 1 to 5')), { since, timeoutMs: 20000 });
  assert.equal(update.event.action, 'updateMessage');
  assert.deepEqual(storedAnswers(), Object.fromEntries(shared.items.map((id) => [id, 5])));
});

test('the round closes on time and the manager gets the "round closed" card', async () => {
  const since = 0;
  const closed = await playground.waitForCard((c) => Playground.texts(c).includes('Round 1 of Acme–Initech has closed'), { since, timeoutMs: 90000 });
  assert.equal(closed.event.action, 'createMessage');
  const json = JSON.stringify(closed.card);
  // One answer is below the alliance's anonymity threshold (5): participation is shown, the anchors are withheld.
  assert.ok(json.includes('1 of 1'), json);
  assert.ok(json.includes('not shown: fewer than 5 answers'), json);
  const [round] = bot.query(`SELECT closed_at, result_json FROM rounds WHERE id = '${shared.roundId}'`);
  assert.ok(round.closed_at, 'the round is closed in the database');
  assert.ok(round.result_json, 'the result is stored');
});

test('an answer after the close is refused politely and not stored', async () => {
  const since = playground.messages.length;
  const answers = Object.fromEntries(shared.items.map((id) => [id, '1']));
  await playground.submit(shared.pulse.messageId, { verb: 'pulse.submit', ...shared.data, ...answers });
  await playground.waitForCard((c) => Playground.texts(c).includes('This round has closed'), { since, timeoutMs: 20000 });
  assert.deepEqual(storedAnswers(), Object.fromEntries(shared.items.map((id) => [id, 5])));
});
