#!/usr/bin/env node
// Builds the Teams app package (a zip of manifest.json + the two icons) with the bot's app id and host filled in.
// The manifest is edited as JSON, never by text replacement. Usage:
//   node manifest/teams/package.mjs --app-id <Entra app id> --host <bot host, e.g. bot.contoso.com> [--version 1.0.1] [--out dist/alliancebot-teams.zip]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync, crc32 } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

export function fill(manifest, { appId, host, version }) {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!guid.test(appId ?? '')) throw new Error(`--app-id must be the bot's Entra application id (a GUID), got '${appId}'`);
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host ?? '')) throw new Error(`--host must be a host name like bot.contoso.com, got '${host}'`);
  const filled = structuredClone(manifest);
  filled.id = appId;
  filled.bots[0].botId = appId;
  filled.validDomains = [host];
  if (version) filled.version = version;
  return filled;
}

/** A minimal zip writer (deflate, no directories): enough for a Teams app package. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0); header.writeUInt16LE(20, 4); header.writeUInt16LE(0, 6); header.writeUInt16LE(8, 8);
    header.writeUInt32LE(0x00210000, 10); // 00:00, 1 Jan 1980 header.writeUInt32LE(crc, 14); header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22); header.writeUInt16LE(nameBytes.length, 26); header.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10); central.writeUInt32LE(0x00210000, 12); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function buildPackage(options) {
  const manifest = fill(JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8')), options);
  return {
    manifest,
    bytes: zip({
      'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2)),
      'color.png': readFileSync(join(here, manifest.icons.color)),
      'outline.png': readFileSync(join(here, manifest.icons.outline)),
    }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'app-id': { type: 'string' }, host: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } } });
  const out = resolve(values.out ?? 'dist/alliancebot-teams.zip');
  try {
    const { bytes } = buildPackage({ appId: values['app-id'], host: values.host, version: values.version });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    console.log(`wrote ${out}`);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}
