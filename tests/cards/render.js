#!/usr/bin/env node
// Draws Adaptive Card JSON files with Microsoft's renderer (adaptivecards 3.0.6) in headless Chromium, dressed like
// Teams (teams-host-config.js, teams.css), and saves one PNG per card.
//   node tests/cards/render.js <cards-folder> [out-folder=docs/cards] [--images <folder>]
// <name>.json → <out>/<name>.png. Nothing leaves the machine: every request is answered locally. Chart image URLs
// (.../charts/<alliance>/<round>/<kind>.<lang>.png?...) are served from <images>/chart-<kind>.<lang>.png (default:
// the out folder), so the lead can re-run this on real dialog output. Chart.Line is unknown to Microsoft's renderer,
// so these pictures show its fallback (the image or the table), as Teams mobile would.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const tools = path.join(root, 'tests', 'tools', 'node_modules');
const { chromium } = require(path.join(tools, 'playwright-core'));
const hostConfig = require('./teams-host-config');

function parseArgs(argv) {
  const positional = [];
  let images;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--images') images = argv[++i];
    else positional.push(argv[i]);
  }
  if (positional.length < 1) {
    process.stderr.write('usage: node tests/cards/render.js <cards-folder> [out-folder] [--images <folder>]\n');
    process.exit(2);
  }
  const out = path.resolve(positional[1] || path.join(root, 'docs', 'cards'));
  return { input: path.resolve(positional[0]), out, images: path.resolve(images || out) };
}

function page(cardJson) {
  const wide = cardJson.msteams && cardJson.msteams.width === 'Full';
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<style>${fs.readFileSync(path.join(__dirname, 'teams.css'), 'utf8')}</style>
<style>#bubble { width: ${wide ? 760 : 520}px; }</style></head>
<body><div id="bubble"></div></body></html>`;
}

async function renderOne(browser, file, out, images) {
  const card = JSON.parse(fs.readFileSync(file, 'utf8'));
  const context = await browser.newContext({ viewport: { width: 840, height: 800 }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  await tab.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const chart = url.pathname.match(/\/charts\/[^/]+\/[^/]+\/([a-z]+)\.([a-z]{2})\.png$/);
    const local = chart && path.join(images, `chart-${chart[1]}.${chart[2]}.png`);
    if (local && fs.existsSync(local)) {
      await route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(local) });
    } else {
      await route.fulfill({ status: 404, body: '' });
    }
  });
  await tab.setContent(page(card));
  await tab.addScriptTag({ path: path.join(tools, 'adaptivecards', 'dist', 'adaptivecards.min.js') });
  const problems = await tab.evaluate(({ card, hostConfig }) => {
    const AC = window.AdaptiveCards;
    const adaptiveCard = new AC.AdaptiveCard();
    adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    adaptiveCard.parse(card, context);
    document.getElementById('bubble').appendChild(adaptiveCard.render());
    const events = [];
    for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
    return events;
  }, { card, hostConfig });
  await tab.waitForFunction(() => Array.from(document.images).every((img) => img.complete), null, { timeout: 10000 });
  const broken = await tab.evaluate(() => Array.from(document.images).filter((img) => img.naturalWidth === 0).map((img) => img.src));
  const target = path.join(out, path.basename(file).replace(/\.json$/, '.png'));
  await tab.locator('#bubble').screenshot({ path: target });
  await context.close();
  return { file: path.basename(file), png: path.relative(root, target), parseEvents: problems, brokenImages: broken };
}

async function main() {
  const { input, out, images } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(out, { recursive: true });
  const files = fs.readdirSync(input).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(input, f));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  try {
    for (const file of files) results.push(await renderOne(browser, file, out, images));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ rendered: results }, null, 2) + '\n');
}

main().catch((e) => { process.stderr.write(`${e.stack || e}\n`); process.exit(1); });
