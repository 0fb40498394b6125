// Loads Microsoft's adaptivecards 3.0.6 (UMD build) into Node with jsdom providing the DOM it expects.
// The lib/ ES modules do not import in Node; dist/adaptivecards.js does (TESTING.md).
'use strict';
const path = require('path');

const tools = path.resolve(__dirname, '..', 'tools', 'node_modules');

function loadAdaptiveCards() {
  let JSDOM;
  try {
    ({ JSDOM } = require(path.join(tools, 'jsdom')));
  } catch (e) {
    throw new Error(`jsdom not found under ${tools}: run scripts/setup.sh once (${e.message})`);
  }
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  global.window = dom.window;
  global.document = dom.window.document;
  global.navigator = dom.window.navigator;
  global.HTMLElement = dom.window.HTMLElement;
  return require(path.join(tools, 'adaptivecards', 'dist', 'adaptivecards.js'));
}

module.exports = { loadAdaptiveCards };
