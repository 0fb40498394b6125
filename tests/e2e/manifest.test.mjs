// The Teams app manifest template, validated offline against the 1.22 schema bundled in Microsoft's @microsoft/app-manifest.
// The package itself (teams-package command: zip, filled-in manifest, validator) is tested in tests/Bot.Tests/Teams/TeamsPackageTests.cs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { repo } from './lib/harness.mjs';

const tools = createRequire(join(repo, 'tests', 'tools', 'package.json'));
const { AppManifestUtils } = tools('@microsoft/app-manifest');
const source = JSON.parse(readFileSync(join(repo, 'manifest', 'teams', 'manifest.json'), 'utf8'));

test('the manifest in the repository is valid against schema 1.22', async () => {
  assert.equal(source.manifestVersion, '1.22');
  assert.deepEqual(await AppManifestUtils.validateAgainstSchema(source), []);
});

test('the validator does find mistakes (a manifest without accentColor, a 13th command)', async () => {
  const broken = structuredClone(source);
  delete broken.accentColor;
  broken.bots[0].commandLists[0].commands.push(...Array.from({ length: 3 }, (_, i) => ({ title: `extra ${i}`, description: 'x' })));
  const errors = await AppManifestUtils.validateAgainstSchema(broken);
  assert.ok(errors.some((e) => e.includes('accentColor')), errors.join('\n'));
  assert.ok(errors.length >= 2, errors.join('\n'));
});

test('the bot offers every scope with at most 12 commands per scope', () => {
  const bot = source.bots[0];
  assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
  for (const list of bot.commandLists) assert.ok(list.commands.length <= 12, `${list.scopes}: ${list.commands.length} commands`);
  const titles = bot.commandLists.flatMap((l) => l.commands.map((c) => c.title));
  for (const command of ['help', 'where are we', 'pulse', 'forget me', 'create alliance', 'join', 'invite', 'phase', 'round now', 'members', 'export', 'report']) {
    assert.ok(titles.includes(command), `missing command ${command}`);
  }
});

test('report (managers, for the steering committee) is offered where managers work: in teams and group chats', () => {
  const shared = source.bots[0].commandLists.find((l) => l.scopes.includes('team'));
  assert.deepEqual([...shared.scopes].sort(), ['groupChat', 'team']);
  assert.ok(shared.commands.some((c) => c.title === 'report'), shared.commands.map((c) => c.title).join(', '));
  assert.ok(shared.commands.length <= 10, `${shared.commands.length} commands`);
});

test('the icons are a 192x192 colour PNG and a 32x32 outline PNG with an alpha channel', () => {
  const size = (file) => { const b = readFileSync(join(repo, 'manifest', 'teams', file)); assert.equal(b.toString('latin1', 1, 4), 'PNG'); return [b.readUInt32BE(16), b.readUInt32BE(20), b[25]]; };
  assert.deepEqual(size('color.png'), [192, 192, 6]);
  assert.deepEqual(size('outline.png'), [32, 32, 6]);
});
