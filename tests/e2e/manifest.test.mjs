// The Teams app package, validated offline against the 1.22 schema bundled in Microsoft's @microsoft/app-manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { repo } from './lib/harness.mjs';
import { buildPackage, fill } from '../../manifest/teams/package.mjs';

const tools = createRequire(join(repo, 'tests', 'tools', 'package.json'));
const { AppManifestUtils } = tools('@microsoft/app-manifest');
const source = JSON.parse(readFileSync(join(repo, 'manifest', 'teams', 'manifest.json'), 'utf8'));
const appId = '6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b';

test('the manifest in the repository is valid against schema 1.22', async () => {
  assert.equal(source.manifestVersion, '1.22');
  assert.deepEqual(await AppManifestUtils.validateAgainstSchema(source), []);
});

test('the packaged manifest carries the app id and host and is still valid', async () => {
  const { manifest } = buildPackage({ appId, host: 'bot.contoso.com' });
  assert.equal(manifest.id, appId);
  assert.equal(manifest.bots[0].botId, appId);
  assert.deepEqual(manifest.validDomains, ['bot.contoso.com']);
  assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
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
  for (const command of ['help', 'where are we', 'pulse', 'forget me', 'create alliance', 'join', 'invite', 'phase', 'round now', 'members', 'export']) {
    assert.ok(titles.includes(command), `missing command ${command}`);
  }
});

test('the icons are a 192x192 colour PNG and a 32x32 outline PNG with an alpha channel', () => {
  const size = (file) => { const b = readFileSync(join(repo, 'manifest', 'teams', file)); assert.equal(b.toString('latin1', 1, 4), 'PNG'); return [b.readUInt32BE(16), b.readUInt32BE(20), b[25]]; };
  assert.deepEqual(size('color.png'), [192, 192, 6]);
  assert.deepEqual(size('outline.png'), [32, 32, 6]);
});

test('a bad app id or host is refused instead of packaged', () => {
  assert.throws(() => fill(source, { appId: 'not-a-guid', host: 'bot.contoso.com' }), /app-id/);
  assert.throws(() => fill(source, { appId, host: 'https://bot.contoso.com/"' }), /host/);
});

test('scripts/package-teams.sh writes a zip holding the manifest and both icons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
  execFileSync('node', [join(repo, 'manifest', 'teams', 'package.mjs'), '--app-id', appId, '--host', 'bot.contoso.com', '--out', join(dir, 'app.zip')]);
  // Read the names back from the zip's central directory.
  const bytes = readFileSync(join(dir, 'app.zip'));
  const names = [];
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      let p = bytes.readUInt32LE(i + 16);
      for (let n = 0; n < bytes.readUInt16LE(i + 10); n++) {
        const len = bytes.readUInt16LE(p + 28);
        names.push(bytes.toString('utf8', p + 46, p + 46 + len));
        p += 46 + len + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
      }
      break;
    }
  }
  assert.deepEqual(names.sort(), ['color.png', 'manifest.json', 'outline.png']);
});
