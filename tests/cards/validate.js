#!/usr/bin/env node
// Validates Adaptive Card JSON files the way Teams will see them.
//   node tests/cards/validate.js <folder-or-file>...   → JSON report on stdout, exit 1 when any card has errors.
// Three passes per card:
//   1. "teams":  Microsoft's adaptivecards 3.0.6 parser at 1.5 (maxVersion 1.5) with Teams' Chart.* elements
//                registered (chart-elements.js); parse events + validateProperties() failures are errors.
//   2. "legacy": the same parser at 1.2 without chart elements — what Teams mobile gets. Unknown types are expected
//                there (they fall back); anything else the parser reports is an error.
//   3. "ours":   what the parser does not check: root type/version, unknown properties (allow-list per type),
//                a fallback on every element/action newer than 1.2, the Chart.* shape, the Action.Execute →
//                Action.Submit verb/data contract, absolute image URLs, size < 80 KB.
'use strict';
const fs = require('fs');
const path = require('path');
const { loadAdaptiveCards } = require('./ac-node');
const { CHART_TYPES, teamsElementRegistry } = require('./chart-elements');

const AC = loadAdaptiveCards();
const MAX_BYTES = 80 * 1024;

const COMMON = ['type', 'id', 'isVisible', 'separator', 'spacing', 'fallback', 'requires', 'height'];
const CONTAINER = ['items', 'style', 'bleed', 'selectAction', 'verticalContentAlignment', 'minHeight', 'backgroundImage', 'rtl'];
const INPUT = ['label', 'isRequired', 'errorMessage', 'value'];
const ACTION = ['type', 'id', 'title', 'iconUrl', 'style', 'fallback', 'requires', 'isEnabled', 'mode', 'tooltip'];
const ELEMENTS = {
  TextBlock: [...COMMON, 'text', 'size', 'weight', 'color', 'isSubtle', 'wrap', 'maxLines', 'horizontalAlignment', 'fontType', 'style'],
  Container: [...COMMON, ...CONTAINER],
  ColumnSet: [...COMMON, 'columns', 'style', 'bleed', 'selectAction', 'minHeight', 'horizontalAlignment'],
  FactSet: [...COMMON, 'facts'],
  Image: [...COMMON, 'url', 'altText', 'size', 'style', 'width', 'horizontalAlignment', 'backgroundColor', 'selectAction'],
  Table: [...COMMON, 'columns', 'rows', 'firstRowAsHeaders', 'showGridLines', 'gridStyle', 'horizontalCellContentAlignment', 'verticalCellContentAlignment'],
  ActionSet: [...COMMON, 'actions'],
  'Input.ChoiceSet': [...COMMON, ...INPUT, 'choices', 'isMultiSelect', 'style', 'placeholder', 'wrap'],
  'Input.Text': [...COMMON, ...INPUT, 'placeholder', 'isMultiline', 'maxLength', 'style', 'inlineAction', 'regex'],
  'Chart.Line': [...COMMON, 'title', 'xAxisTitle', 'yAxisTitle', 'color', 'colorSet', 'data', 'horizontalAlignment'],
};
const PARTS = {
  AdaptiveCard: ['type', '$schema', 'version', 'body', 'actions', 'fallbackText', 'speak', 'lang', 'msteams', 'minHeight', 'selectAction', 'verticalContentAlignment', 'rtl', 'refresh', 'metadata'],
  Column: ['type', 'id', 'isVisible', 'separator', 'spacing', 'fallback', 'requires', 'width', ...CONTAINER],
  TableRow: ['type', 'cells', 'style', 'horizontalCellContentAlignment', 'verticalCellContentAlignment'],
  TableCell: ['type', ...CONTAINER],
  TableColumn: ['width', 'horizontalCellContentAlignment', 'verticalCellContentAlignment'],
  Fact: ['title', 'value'],
  Choice: ['title', 'value'],
  msteams: ['width', 'entities'],
  ChartSeries: ['legend', 'color', 'values'],
  ChartPoint: ['x', 'y'],
};
const ACTIONS = {
  'Action.Execute': [...ACTION, 'verb', 'data', 'associatedInputs'],
  'Action.Submit': [...ACTION, 'data', 'associatedInputs'],
  'Action.OpenUrl': [...ACTION, 'url'],
};
// Element and action types a 1.2 client (Teams mobile) knows; everything else needs a fallback.
const V12_ELEMENTS = new Set(['TextBlock', 'Container', 'ColumnSet', 'FactSet', 'Image', 'ImageSet', 'ActionSet', 'Media', 'RichTextBlock',
  'Input.Text', 'Input.Number', 'Input.Date', 'Input.Time', 'Input.Toggle', 'Input.ChoiceSet']);
const V12_ACTIONS = new Set(['Action.Submit', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility']);
const CHART_COLORS = new Set(['good', 'warning', 'attention', 'neutral', 'categoricalRed', 'categoricalPurple', 'categoricalLavender',
  'categoricalBlue', 'categoricalLightBlue', 'categoricalTeal', 'categoricalGreen', 'categoricalLime', 'categoricalMarigold',
  'sequential1', 'sequential2', 'sequential3', 'sequential4', 'sequential5', 'sequential6', 'sequential7', 'sequential8',
  'divergingBlue', 'divergingLightBlue', 'divergingCyan', 'divergingTeal', 'divergingYellow', 'divergingPeach',
  'divergingLightRed', 'divergingRed', 'divergingMaroon', 'divergingGray']);
const TEAMS_HOST = new AC.HostConfig({ actions: { maxActions: 6 } });

function eventName(e) { return AC.ValidationEvent[e.event] || String(e.event); }

function parse(json, version, registry) {
  const ctx = new AC.SerializationContext(version);
  if (registry) ctx.setElementRegistry(registry);
  const card = new AC.AdaptiveCard();
  card.hostConfig = TEAMS_HOST;
  card.maxVersion = AC.Versions.v1_5;
  card.parse(json, ctx);
  const events = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i));
  return { card, events };
}

function microsoftPasses(json, errors, warnings) {
  const teams = parse(json, AC.Versions.v1_5, teamsElementRegistry(AC));
  for (const e of teams.events) errors.push(`teams/parse ${eventName(e)}: ${e.message}`);
  for (const e of teams.card.validateProperties().validationEvents) {
    (e.event === AC.ValidationEvent.Hint ? warnings : errors).push(`teams/validate ${eventName(e)}: ${e.message}`);
  }

  const legacy = parse(json, AC.Versions.v1_2, undefined);
  for (const e of legacy.events) {
    const name = eventName(e);
    if (name === 'UnknownElementType' || name === 'UnknownActionType' || name === 'UnsupportedProperty') {
      warnings.push(`legacy(1.2) ${name}: ${e.message}`);
    } else {
      errors.push(`legacy(1.2) ${name}: ${e.message}`);
    }
  }
}

function checkKeys(obj, allowed, where, errors) {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) errors.push(`ours: unknown property "${key}" on ${where}`);
  }
}

function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

function checkElement(el, where, errors, inputIds) {
  if (!isObject(el)) { errors.push(`ours: ${where} is not an object`); return; }
  const type = el.type;
  const allowed = ELEMENTS[type];
  if (!allowed) { errors.push(`ours: unknown element type "${type}" at ${where}`); return; }
  const here = `${where}(${type})`;
  checkKeys(el, allowed, here, errors);
  checkFallback(el, here, errors, V12_ELEMENTS, (f, w) => checkElement(f, w, errors, new Set()));
  if (type.startsWith('Input.')) {
    if (typeof el.id !== 'string' || el.id.length === 0) errors.push(`ours: input without id at ${here}`);
    if (el.id === 'verb') errors.push(`ours: input id "verb" is reserved for the action verb at ${here}`);
    inputIds.add(el.id);
  }
  switch (type) {
    case 'Container':
      (el.items || []).forEach((c, i) => checkElement(c, `${here}.items[${i}]`, errors, inputIds));
      break;
    case 'ColumnSet':
      (el.columns || []).forEach((col, i) => {
        const w = `${here}.columns[${i}]`;
        if (col.type !== 'Column') errors.push(`ours: ${w} is not a Column`);
        checkKeys(col, PARTS.Column, w, errors);
        (col.items || []).forEach((c, j) => checkElement(c, `${w}.items[${j}]`, errors, inputIds));
      });
      break;
    case 'FactSet':
      (el.facts || []).forEach((f, i) => checkKeys(f, PARTS.Fact, `${here}.facts[${i}]`, errors));
      break;
    case 'Input.ChoiceSet':
      (el.choices || []).forEach((c, i) => checkKeys(c, PARTS.Choice, `${here}.choices[${i}]`, errors));
      break;
    case 'Image':
      if (!/^https?:\/\//.test(el.url || '')) errors.push(`ours: image url must be absolute http(s) at ${here}: ${el.url}`);
      if (!el.altText) errors.push(`ours: image without altText at ${here}`);
      break;
    case 'Table':
      (el.columns || []).forEach((c, i) => checkKeys(c, PARTS.TableColumn, `${here}.columns[${i}]`, errors));
      (el.rows || []).forEach((row, i) => {
        const w = `${here}.rows[${i}]`;
        if (row.type !== 'TableRow') errors.push(`ours: ${w} is not a TableRow`);
        checkKeys(row, PARTS.TableRow, w, errors);
        (row.cells || []).forEach((cell, j) => {
          if (cell.type !== 'TableCell') errors.push(`ours: ${w}.cells[${j}] is not a TableCell`);
          checkKeys(cell, PARTS.TableCell, `${w}.cells[${j}]`, errors);
          (cell.items || []).forEach((c, k) => checkElement(c, `${w}.cells[${j}].items[${k}]`, errors, inputIds));
        });
      });
      break;
    case 'Chart.Line':
      checkLineChart(el, here, errors);
      break;
    case 'ActionSet':
      (el.actions || []).forEach((a, i) => checkAction(a, `${here}.actions[${i}]`, errors));
      break;
    default:
      break;
  }
}

// Shape from Microsoft's Teams documentation "Charts in Adaptive Cards" (Chart.Line and its data array).
function checkLineChart(el, here, errors) {
  if (el.color !== undefined && !CHART_COLORS.has(el.color)) errors.push(`ours: unknown chart color "${el.color}" at ${here}`);
  if (!Array.isArray(el.data) || el.data.length === 0) { errors.push(`ours: Chart.Line needs a non-empty data array at ${here}`); return; }
  el.data.forEach((series, i) => {
    const w = `${here}.data[${i}]`;
    checkKeys(series, PARTS.ChartSeries, w, errors);
    if (series.color !== undefined && !CHART_COLORS.has(series.color)) errors.push(`ours: unknown chart color "${series.color}" at ${w}`);
    if (typeof series.legend !== 'string') errors.push(`ours: series without legend at ${w}`);
    if (!Array.isArray(series.values)) { errors.push(`ours: series without values at ${w}`); return; }
    series.values.forEach((p, j) => {
      checkKeys(p, PARTS.ChartPoint, `${w}.values[${j}]`, errors);
      if (typeof p.x !== 'string' && typeof p.x !== 'number') errors.push(`ours: x must be a string or number at ${w}.values[${j}]`);
      if (typeof p.y !== 'number' || !Number.isFinite(p.y)) errors.push(`ours: y must be a finite number at ${w}.values[${j}]`);
    });
  });
}

function checkFallback(obj, here, errors, knownTo12, check) {
  const newer = !knownTo12.has(obj.type);
  const fb = obj.fallback;
  if (fb === undefined) {
    if (newer) errors.push(`ours: ${obj.type} is newer than 1.2 and has no fallback at ${here}`);
    return;
  }
  if (fb === 'drop') return;
  if (!isObject(fb)) { errors.push(`ours: fallback must be an object or "drop" at ${here}`); return; }
  check(fb, `${here}.fallback`);
  if (newer && !knownTo12.has(fb.type) && fb.fallback === undefined) {
    errors.push(`ours: fallback ${fb.type} of ${obj.type} is itself unknown to 1.2 clients at ${here}`);
  }
}

function checkAction(a, where, errors) {
  if (!isObject(a)) { errors.push(`ours: ${where} is not an object`); return; }
  const allowed = ACTIONS[a.type];
  if (!allowed) { errors.push(`ours: unknown action type "${a.type}" at ${where}`); return; }
  const here = `${where}(${a.type})`;
  checkKeys(a, allowed, here, errors);
  if (!a.title) errors.push(`ours: action without title at ${here}`);
  checkFallback(a, here, errors, V12_ACTIONS, (f, w) => checkAction(f, w, errors));
  if (a.type === 'Action.OpenUrl' && !/^https?:\/\//.test(a.url || '')) errors.push(`ours: OpenUrl needs an absolute url at ${here}`);
  if (a.type === 'Action.Execute') checkVerbContract(a, here, errors);
}

// The contract docs/cards.md promises the Teams channel: invoke → value.action.verb + value.action.data;
// submit fallback → value.verb + the same data.
function checkVerbContract(a, here, errors) {
  if (typeof a.verb !== 'string' || a.verb.length === 0) errors.push(`ours: Action.Execute without verb at ${here}`);
  const data = isObject(a.data) ? a.data : {};
  if ('verb' in data) errors.push(`ours: Action.Execute data must not carry "verb" at ${here}`);
  const fb = a.fallback;
  if (!isObject(fb) || fb.type !== 'Action.Submit') { errors.push(`ours: Action.Execute needs an Action.Submit fallback at ${here}`); return; }
  const submit = isObject(fb.data) ? fb.data : {};
  if (submit.verb !== a.verb) errors.push(`ours: the Action.Submit fallback must carry data.verb = "${a.verb}" at ${here}`);
  const rest = Object.fromEntries(Object.entries(submit).filter(([k]) => k !== 'verb'));
  if (JSON.stringify(rest) !== JSON.stringify(data)) errors.push(`ours: the Action.Submit fallback data differs from the Execute data at ${here}`);
  if (fb.title !== a.title) errors.push(`ours: the fallback button title differs at ${here}`);
  if ((fb.associatedInputs || 'auto') !== (a.associatedInputs || 'auto')) errors.push(`ours: the fallback submits different inputs at ${here}`);
}

function ourChecks(json, bytes, errors) {
  if (!isObject(json)) { errors.push('ours: the card is not a JSON object'); return; }
  if (json.type !== 'AdaptiveCard') errors.push(`ours: root type must be "AdaptiveCard", got ${JSON.stringify(json.type)}`);
  if (json.version !== '1.5') errors.push(`ours: version must be "1.5", got ${JSON.stringify(json.version)}`);
  if (bytes >= MAX_BYTES) errors.push(`ours: ${bytes} bytes, the limit is ${MAX_BYTES}`);
  checkKeys(json, PARTS.AdaptiveCard, 'AdaptiveCard', errors);
  if (json.msteams !== undefined) checkKeys(json.msteams, PARTS.msteams, 'AdaptiveCard.msteams', errors);
  if (!Array.isArray(json.body) || json.body.length === 0) errors.push('ours: body must be a non-empty array');
  const inputIds = new Set();
  (json.body || []).forEach((el, i) => checkElement(el, `body[${i}]`, errors, inputIds));
  (json.actions || []).forEach((a, i) => checkAction(a, `actions[${i}]`, errors));
}

function validateFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(JSON.stringify(JSON.parse(text)), 'utf8');
  const json = JSON.parse(text);
  const errors = [];
  const warnings = [];
  ourChecks(json, bytes, errors);
  microsoftPasses(json, errors, warnings);
  return { file: path.basename(file), bytes, errors, warnings };
}

function cardFiles(args) {
  const files = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) if (name.endsWith('.json')) files.push(path.join(arg, name));
    } else {
      files.push(arg);
    }
  }
  return files;
}

function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    process.stderr.write('usage: node tests/cards/validate.js <folder-or-file.json>...\n');
    process.exit(2);
  }
  const results = cardFiles(args).map(validateFile);
  process.stdout.write(JSON.stringify({ cards: results }, null, 2) + '\n');
  // exitCode, not exit(): stdout to a pipe is written asynchronously, and exit() cut a long report short.
  process.exitCode = results.some(r => r.errors.length > 0) ? 1 : 0;
}

if (require.main === module) main();
module.exports = { validateFile, CHART_TYPES };
