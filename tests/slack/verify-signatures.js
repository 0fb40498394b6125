// Runs Slack's own request verification (@slack/bolt isValidSlackRequest) over vectors written by the .NET tests.
// Usage: node verify-signatures.js vectors.json  → prints a JSON array of booleans, one per vector.
// Headers are passed the way Bolt's own HTTP receiver passes them (HTTPModuleFunctions.parseAndVerifyHTTPRequest):
// a missing header is a refusal (getHeader throws), and the timestamp goes through Number().
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isValidSlackRequest } = require(path.join(__dirname, '..', 'tools', 'node_modules', '@slack', 'bolt'));

const vectors = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const verdicts = vectors.map((v) => {
  if (!v.timestamp || !v.signature) return false;
  return isValidSlackRequest({
    signingSecret: v.secret,
    body: v.body,
    headers: { 'x-slack-signature': v.signature, 'x-slack-request-timestamp': Number(v.timestamp) },
    nowMilliseconds: v.nowMilliseconds,
  });
});
process.stdout.write(JSON.stringify(verdicts));
