// Two companies set up an alliance from chat in the Agents Playground: Alex (Acme) creates it in one line and asks
// for a join code for Globex; the Playground restarts as Megan (Globex), who joins with the code, becomes Globex's
// manager and declares phase 2. Each step is a named test in order, so the rest of the full flow (round now, answer,
// "where are we") can be appended as further steps once those dialogs are merged.
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

before(async () => {
  bot = await startBot({ port: BOT_PORT });
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
