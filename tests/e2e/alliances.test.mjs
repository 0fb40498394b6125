// Two companies set up an alliance from chat in the Agents Playground: Alex (Acme) creates it in one line and asks
// for a join code for Globex; the Playground restarts as Megan (Globex), who joins with the code, becomes Globex's
// manager and declares phase 2, runs "round now", answers her pulse, and after the (short) round closes "where are we"
// shows the result — with one answer against the default anonymity threshold of 5, honestly: nothing is disclosed.
// Each step is a named test, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBot, startPlayground, Playground } from './lib/harness.mjs';

const BOT_PORT = 3981;
const PLAYGROUND_PORT = 56153;

const person = (id, name, n) => ({
  id, name, userPrincipleName: `${name.split(' ')[0].toLowerCase()}@example.com`,
  aadObjectId: `00000000-0000-0000-0000-00000000002${n}`, givenName: name.split(' ')[0], surname: name.split(' ')[1], email: `${name.split(' ')[0].toLowerCase()}@example.com`,
});
const alex = person('user-id-0', 'Alex Wilber', 0);
const megan = person('user-id-1', 'Megan Bowen', 1);
// The Playground wants at least five other users in a config.
const colleagues = [person('user-id-2', 'Adele Vance', 2), person('user-id-3', 'Isaiah Langer', 3), person('user-id-4', 'Patti Fernandez', 4), person('user-id-5', 'Lynne Robbins', 5)];

/** The Playground's config with `me` as the current user and the other as a colleague in the same tenant. */
const configFor = (me, other) => ({
  version: '0.1.1',
  tenantId: '00000000-0000-0000-0000-0000000000001',
  bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'AllianceBot' },
  currentUser: me,
  users: [other, ...colleagues],
  personalChat: { id: `personal-${me.id}` },
  groupChat: { id: 'group-chat-id', name: 'Group Chat' },
  team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: 'channel-announcements-id', name: 'Announcements' }] },
});

const shared = {};
let bot;
let playground;

async function actAs(me, other) {
  await playground?.stop();
  playground = await (await startPlayground({ port: PLAYGROUND_PORT, botUrl: bot.url, config: configFor(me, other) })).connect();
}

async function ask(text, titlePredicate) {
  const since = playground.messages.length;
  await playground.send(text);
  const { card } = await playground.waitForCard((c) => Playground.texts(c).some(titlePredicate), { since, timeoutMs: 20000 });
  const texts = Playground.texts(card);
  texts.json = JSON.stringify(card);
  return texts;
}

// 0.00025 days ≈ 22 s: the round "round now" opens closes within the test (Quartz on the SQLite job store).
const CLOSE_AFTER_DAYS = '0.00025';

before(async () => {
  bot = await startBot({ port: BOT_PORT, env: { Scheduling__Enabled: 'true', Scheduling__Rounds__CloseAfterDays: CLOSE_AFTER_DAYS, Scheduling__Rounds__RemindAfterDays: '' } });
  await actAs(alex, megan);
});
after(async () => {
  await playground?.stop();
  await bot?.stop();
});

test('Alex creates the alliance in one line and becomes its first manager', async () => {
  const texts = await ask('create alliance "Acme–Globex" as Acme with Globex tz Europe/Amsterdam lang en', (t) => t.startsWith('Alliance "Acme–Globex" created'));
  assert.ok(texts.some((t) => t.includes('You are the first manager of Acme')), texts.join(' | '));
});

test('Alex gets a join code for Globex', async () => {
  const texts = await ask('invite Globex', (t) => t === 'Join code for Globex');
  shared.code = texts.find((t) => /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/.test(t));
  assert.ok(shared.code, `no code on the card: ${texts.join(' | ')}`);
});

test('Megan, a second Playground user, joins with the code and manages Globex', async () => {
  await actAs(megan, alex);
  const texts = await ask(`join ${shared.code}`, (t) => t === 'Welcome to "Acme–Globex"');
  assert.ok(texts.some((t) => t.includes('You manage Globex')), texts.join(' | '));
});

test('a wrong code gets a clear answer and names no alliance', async () => {
  const since = playground.messages.length;
  await playground.send('join ZZZZZ-22222');
  const event = await playground.waitForMessage((e) => (e.message?.text ?? '').startsWith("I don't know that code."), { since });
  assert.ok(!event.message.text.includes('Acme'));
});

test('Megan sets the phase; the reply names it', async () => {
  const texts = await ask('phase 2 contract signed', (t) => t === 'Phase set: 2. Confirmation');
  assert.ok(texts.json.includes('contract signed'), texts.json);
});

test('Megan runs "round now": round 1 opens for both partners\' members', async () => {
  const since = playground.messages.length;
  await playground.send('round now');
  await playground.waitForMessage((e) => JSON.stringify(e.message ?? {}).includes('Round 1 is open: 2 members'), { since, timeoutMs: 20000 });
  const pulse = await playground.waitForCard((c) => Playground.texts(c).includes('Monthly pulse: Acme–Globex'), { since, timeoutMs: 30000 });
  shared.pulse = pulse;
  shared.data = JSON.parse(JSON.stringify(pulse.card)).actions.find((a) => a.verb === 'pulse.submit').fallback.data;
  shared.items = [];
  JSON.stringify(pulse.card, (k, v) => { if (v && v.type === 'Input.ChoiceSet') shared.items.push(v.id); return v; });
  assert.ok(shared.items.length >= 2, JSON.stringify(shared.items));
  const [round] = bot.query('SELECT id, invited_count FROM rounds');
  assert.equal(round.invited_count, 2);
  // One pulse per member (Alex's goes to his own personal chat), none twice.
  const pulses = bot.query(`SELECT member_id, status FROM outbox WHERE round_id = '${round.id}' AND kind = 'pulse'`);
  assert.equal(pulses.length, 2, JSON.stringify(pulses));
  assert.equal(new Set(pulses.map((p) => p.member_id)).size, 2);
  shared.roundId = round.id;
});

test('Megan answers her pulse in the card and gets the thank-you', async () => {
  const since = playground.messages.length;
  const answers = Object.fromEntries(shared.items.map((id) => [id, '4']));
  await playground.submit(shared.pulse.messageId, { ...shared.data, ...answers });
  const update = await playground.waitForCard((c) => Playground.texts(c).includes('Thank you!'), { since, timeoutMs: 20000 });
  assert.equal(update.event.action, 'updateMessage');
  const stored = bot.query(`SELECT count(*) AS n FROM responses WHERE round_id = '${shared.roundId}'`);
  assert.equal(stored[0].n, shared.items.length);
});

test('the round closes and Megan, a manager, gets the "round closed" card', async () => {
  const closed = await playground.waitForCard((c) => Playground.texts(c).includes('Round 1 of Acme–Globex has closed'), { timeoutMs: 90000 });
  const json = JSON.stringify(closed.card);
  assert.ok(json.includes('1 of 2'), json);
});

test('"where are we" shows the result, honestly withholding what fewer than 5 answers would reveal', async () => {
  const texts = await ask('where are we', (t) => t === 'Where are we in the model?');
  const all = texts.join(' | ');
  assert.ok(texts.some((t) => t.startsWith('Acme–Globex · after round 1 (')), all);
  assert.ok(all.includes('Phase 2 of 3 · Confirmation'), all);
  // k = 5 and one answer: no partner's view and no level is shown, and the card says what is missing.
  assert.ok(texts.includes("Fewer than 5 answers from Acme this round, so Acme's view is not shown."), all);
  assert.ok(texts.includes("Fewer than 5 answers from Globex this round, so Globex's view is not shown."), all);
  assert.ok(all.includes('the latest round needed 4 more answers to be shown (at least 5 per question)'), all);
  assert.ok(!/\d out of 5/.test(all), `a level was disclosed: ${all}`);
});
