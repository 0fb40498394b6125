// The answer work both peers do, the same for each (docs/benchmarks.md, "Peers"): the member's answers to the open
// round, checked (known member of the round's alliance, open round, each of the round's statements answered 1..5),
// upserted in ONE transaction on ONE SQLite connection (three upserts), and a thank-you Adaptive Card to send back.
//
// The database is the file the load generator (bench/AllianceBot.Inbound) prepared and migrated for this run: the
// bot's own schema, so the generator's row check reads the peers' rows exactly as it reads the bot's. Members and
// the open rounds are read into memory once at start; per answer the peer touches SQLite only for the transaction.
'use strict';

const Database = require('better-sqlite3');

// The same connection settings as the bot's SQLite connections (Data/Storage/Database.cs; WAL is set by the
// migrator and stays on in the file): a commit is durable against a process crash (kill -9), not an OS crash.
const PRAGMAS = [
  'journal_mode = WAL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  'synchronous = NORMAL',
  'journal_size_limit = 16777216',
  'cache_size = -16384',
  'temp_store = MEMORY',
];

const UPSERT = `
  INSERT INTO responses (round_id, member_id, item_id, answer, answered_at, partner_id)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at, partner_id = excluded.partner_id`;

/** Fixed-width UTC text with seven fraction digits, as the bot stores instants (Data/Storage/DapperTypeHandlers.cs). */
function instant(date) {
  return date.toISOString().replace('Z', '0000Z');
}

function open(file) {
  if (!file) {
    throw new Error('PEER_DB (the SQLite file the load generator prepared) is not set');
  }

  const db = new Database(file);
  for (const pragma of PRAGMAS) {
    db.pragma(pragma);
  }

  const members = new Map();
  for (const row of db.prepare(`
      SELECT c.tenant_id, c.user_id, m.id, m.alliance_id, m.partner_id
      FROM members m JOIN contacts c ON c.id = m.contact_id`).iterate()) {
    members.set(`${row.tenant_id}|${row.user_id}`, { id: row.id, alliance: row.alliance_id, partner: row.partner_id });
  }

  const rounds = new Map();
  for (const row of db.prepare('SELECT id, alliance_id, items_json FROM rounds WHERE closed_at IS NULL').iterate()) {
    rounds.set(row.id, { alliance: row.alliance_id, items: JSON.parse(row.items_json) });
  }

  const upsert = db.prepare(UPSERT);
  const store = db.transaction((roundId, member, answers, now) => {
    for (const [item, answer] of answers) {
      upsert.run(roundId, member.id, item, answer, now, member.partner);
    }
  });

  /**
   * One member's answer. `activity` is the incoming activity (plain object), `data` the card's submitted data.
   * Returns { card } when the answers were stored (the caller acknowledges only then), or { problem } when refused.
   */
  function answer(activity, data) {
    const tenant = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
    const member = members.get(`${tenant}|${activity.from?.id}`);
    if (!member) {
      return { problem: 'You are not a member of this alliance.' };
    }

    const roundId = typeof data?.round === 'string' ? data.round.toLowerCase() : '';
    const round = rounds.get(roundId);
    if (!round || round.alliance !== member.alliance) {
      return { problem: 'This round is closed.' };
    }

    const answers = [];
    for (const item of round.items) {
      const value = Number.parseInt(data[item], 10);
      if (!(value >= 1 && value <= 5)) {
        return { problem: 'Please answer every statement with 1 to 5.' };
      }
      answers.push([item, value]);
    }

    store(roundId, member, answers, instant(new Date()));
    return { card: thankYou(round.items, answers, activity.locale) };
  }

  return { answer, members: members.size, rounds: rounds.size, close: () => db.close() };
}

const LABELS = ['', 'Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];

/** A thank-you card like the bot's: title, what the member answered, and a button to change the answers. */
function thankYou(items, answers, locale) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: locale ?? 'en-US',
    body: [
      { type: 'TextBlock', text: 'Thank you — your answers are saved', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Only aggregated results are shown, never an individual answer.', isSubtle: true, wrap: true },
      { type: 'FactSet', facts: answers.map(([item, value]) => ({ title: item, value: LABELS[value] })) },
    ],
    actions: [{ type: 'Action.Execute', title: 'Change my answers', verb: 'pulse.change', data: { items } }],
  };
}

module.exports = { open };
