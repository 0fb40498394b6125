// Reusable end-to-end harness: the bot built from this checkout + the Microsoft 365 Agents Playground (a real
// Teams-like client), driven through the Playground's own API and websocket, plus headless Chromium for
// screenshots. Meant to run inside `unshare -n` (loopback only): see tests/e2e/run.sh.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const tools = createRequire(join(repo, 'tests', 'tools', 'package.json'));
const WebSocket = tools('ws');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHttp(url, timeoutMs, what, child) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}:\n${child.logText()}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await sleep(200);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

function launch(command, args, { cwd, env, log, baseEnv = process.env }) {
  const child = spawn(command, args, { cwd, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => lines.push(d.toString()));
  child.logText = () => lines.join('');
  child.on('exit', () => writeFileSync(log, lines.join('')));
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * Starts the real bot exactly as built by `dotnet build -c Release` (Bot/bin/Release/net10.0), in Development mode
 * with its real SQLite store in a fresh temp data folder (`workDir`, also its working directory and log folder).
 * Extra configuration via `env` (e.g. { Teams__MaxActivityBytes: '1000' }). Pass the `workDir` of a stopped bot
 * to start it again on the same database (a restart).
 */
export async function startBot({ port = 3978, env = {}, workDir = mkdtempSync(join(tmpdir(), 'alliancebot-e2e-')) } = {}) {
  const out = join(repo, 'Bot', 'bin', 'Release', 'net10.0');
  const dll = join(out, 'AllianceBot.Bot.dll');
  if (!existsSync(dll)) throw new Error(`${dll} is missing: run \`dotnet build AllianceBot.sln -c Release\` first`);
  const inherited = { ...process.env };
  // Nothing may be injected into the bot under test.
  delete inherited.ASPNETCORE_HOSTINGSTARTUPASSEMBLIES;
  delete inherited.DOTNET_STARTUP_HOOKS;
  const child = launch('dotnet', [dll, '--contentRoot', out, '--urls', `http://127.0.0.1:${port}`], {
    cwd: workDir,
    log: join(workDir, 'bot.log'),
    baseEnv: inherited,
    env: {
      ASPNETCORE_ENVIRONMENT: 'Development',
      DOTNET_NOLOGO: '1',
      Storage__Provider: 'sqlite',
      Storage__DataFolder: workDir,
      ...env,
    },
  });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000, 'the bot', child);
  await waitForHttp(`http://127.0.0.1:${port}/readyz`, 30000, 'the bot\'s database', child);
  const database = join(workDir, 'alliancebot.db');
  return {
    url: `http://127.0.0.1:${port}`,
    workDir,
    database,
    log: () => child.logText(),
    stop: () => stop(child),
    /** Rows of a read-only SQL query on the bot's SQLite file (Debian's sqlite3 CLI; scripts/setup.sh installs it). */
    query: (sql) => {
      const json = execFileSync('sqlite3', ['-readonly', '-json', database, sql], { encoding: 'utf8' });
      return json.trim() ? JSON.parse(json) : [];
    },
  };
}

/** Starts the Agents Playground (pinned in tests/tools) with telemetry off. `config` becomes its YAML file. */
export async function startPlayground({ port = 56150, botUrl = 'http://127.0.0.1:3978', config, workDir = mkdtempSync(join(tmpdir(), 'playground-')) } = {}) {
  const env = {
    TEAMSAPPTESTER_BROWSER: 'none',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    M365_AGENTS_PLAYGROUND_LOGFILE: join(workDir, 'playground.log'),
  };
  if (config) {
    const path = join(workDir, '.m365agentsplayground.yml');
    writeFileSync(path, toYaml(config));
    env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = path;
  }
  const child = launch('node', [
    join(repo, 'tests', 'tools', 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port),
    '--service-url', `http://127.0.0.1:${port}/_connector`, '--disable-telemetry',
  ], { cwd: workDir, env, log: join(workDir, 'playground.out') });
  await waitForHttp(`http://127.0.0.1:${port}/_debug/ping`, 30000, 'the Agents Playground');
  return new Playground(`http://127.0.0.1:${port}`, () => stop(child));
}

/** A deliberately small YAML writer for the Playground config (maps, lists, scalars). */
function toYaml(value, indent = '') {
  if (Array.isArray(value)) return value.map((v) => `${indent}- ${toYaml(v, indent + '  ').trimStart()}`).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => (v && typeof v === 'object')
      ? `${indent}${k}:\n${toYaml(v, indent + '  ')}`
      : `${indent}${k}: ${JSON.stringify(v)}`).join('\n');
  }
  return JSON.stringify(value);
}

export class Playground {
  constructor(url, stopper) {
    this.url = url;
    this.stopProcess = stopper;
    this.messages = [];
    this.waiters = [];
  }

  /** Opens the websocket the Playground streams bot messages on (createMessage / updateMessage). */
  async connect() {
    this.ws = new WebSocket(this.url.replace('http', 'ws') + '/_ws_conversation/v1/conversations/stream');
    this.ws.on('message', (data) => {
      let event;
      try { event = JSON.parse(data.toString()); } catch { return; }
      this.messages.push(event);
      for (const w of [...this.waiters]) w(event);
    });
    await new Promise((resolve, reject) => { this.ws.once('open', resolve); this.ws.once('error', reject); });
    this.config = (await this.get('/_internal/v1/config')).config;
    return this;
  }

  async get(path) {
    const r = await fetch(this.url + path);
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  }

  async post(path, body) {
    const r = await fetch(this.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  get personalChat() { return this.config.personalChat.id; }
  get me() { return this.config.currentUser.id; }

  /** Sends a typed message as the current user (the Playground's configured currentUser). */
  send(text, { conversationId = this.personalChat } = {}) {
    return this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { from: { id: this.me }, text, textFormat: 'plain' });
  }

  /** Clicks an Action.Submit on the card message `replyToId` with `value` (card data merged with inputs). */
  submit(replyToId, value, { conversationId = this.personalChat } = {}) {
    return this.post('/_conversation/v1/submit', { conversation: { id: conversationId }, from: { id: this.me }, replyToId, value });
  }

  /** Clicks an Action.Execute: the bot's invoke response comes back as the result. */
  invoke(replyToId, action, { conversationId = this.personalChat } = {}) {
    return this.post('/_conversation/v1/invoke', { name: 'adaptiveCard/action', conversation: { id: conversationId }, from: { id: this.me }, replyToId, value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' } });
  }

  /** Sends a Playground-generated activity: type is install, uninstall, botAdded, userAdded, botRemoved, ... */
  async customActivity(type, { conversationId = this.personalChat, patch = {} } = {}) {
    const template = await this.get(`/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}&type=${type}`);
    await this.post('/_internal/v1/customActivities', { ...template, ...patch });
  }

  /** Resolves with the first streamed message (already received after `since`, or arriving) matching `predicate`. */
  waitForMessage(predicate, { timeoutMs = 15000, since = 0 } = {}) {
    const hit = this.messages.slice(since).find(predicate);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== waiter); reject(new Error(`no matching bot message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(since)).slice(0, 2000)}`)); }, timeoutMs);
      const waiter = (event) => { if (predicate(event)) { clearTimeout(timer); this.waiters = this.waiters.filter((w) => w !== waiter); resolve(event); } };
      this.waiters.push(waiter);
    });
  }

  /** Waits for a bot message carrying an Adaptive Card whose card JSON matches `predicate`; returns { event, card }. */
  async waitForCard(predicate = () => true, options = {}) {
    const cardOf = (event) => (event.message?.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
    const event = await this.waitForMessage((e) => { const c = cardOf(e); return c && predicate(parseCard(c)); }, options);
    return { event, card: parseCard(cardOf(event)), messageId: event.message.messageId ?? event.message.id };
  }

  /** Texts of a card's TextBlocks (handy for assertions). */
  static texts(card) {
    const out = [];
    const walk = (n) => { if (Array.isArray(n)) n.forEach(walk); else if (n && typeof n === 'object') { if (n.type === 'TextBlock') out.push(n.text); Object.values(n).forEach(walk); } };
    walk(card);
    return out;
  }

  async stop() {
    this.ws?.close();
    await this.stopProcess();
  }
}

const parseCard = (c) => (typeof c === 'string' ? JSON.parse(c) : c);

/** Bot + Playground together, the common case. `await stack.stop()` in an `after` hook. */
export async function startStack({ botPort = 3978, playgroundPort = 56150, botEnv, playgroundConfig } = {}) {
  const bot = await startBot({ port: botPort, env: botEnv });
  try {
    const playground = await (await startPlayground({ port: playgroundPort, botUrl: bot.url, config: playgroundConfig })).connect();
    return { bot, playground, stop: async () => { await playground.stop(); await bot.stop(); } };
  } catch (e) {
    await bot.stop();
    throw e;
  }
}

/** Headless Debian Chromium (never a downloaded browser) with a fresh profile; returns { browser, page, close }. */
export async function openBrowser({ width = 1100, height = 900 } = {}) {
  const { chromium } = tools('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
    viewport: { width, height },
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page, close: () => context.close() };
}

/** Saves a PNG of the page (or of `locator`) under docs/screenshots/. */
export async function screenshot(pageOrLocator, name) {
  const dir = join(repo, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name.endsWith('.png') ? name : `${name}.png`);
  await pageOrLocator.screenshot({ path });
  return path;
}
