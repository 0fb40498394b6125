// Peer 2: an agent on the Microsoft 365 Agents SDK JS (@microsoft/agents-hosting 1.8.1), hosted the way the SDK's
// samples do (startServer of @microsoft/agents-hosting-express: express, the JWT middleware, CloudAdapter), doing the
// answer work of answers.js. Development mode: no client id, so the JWT middleware lets requests in anonymously and the
// connector client sends no token, as the bot runs in the benchmark.
//   PEER_DB=<sqlite file prepared by the load generator> PORT=3978 node bench/peers/agents.js
// Action.Execute (invoke adaptiveCard/action): app.adaptiveCards.actionExecute, the card in the HTTP reply.
// Action.Submit (a message with value): a message route, the clicked card replaced (updateActivity, a PUT
// to the connector at the activity's serviceUrl).
'use strict';

const { AgentApplication, CardFactory, MessageFactory } = require('@microsoft/agents-hosting');
const { startServer } = require('@microsoft/agents-hosting-express');
const { open } = require('./answers');

const answers = open(process.env.PEER_DB);
const app = new AgentApplication();

// 1.8.1 hands the handler the whole action ({ type, verb, data }), although its typings say the data.
app.adaptiveCards.actionExecute('pulse.submit', async (context, state, action) => {
  const outcome = answers.answer(context.activity, action.data ?? action);
  return outcome.card ?? outcome.problem;
});

// Not app.adaptiveCards.actionSubmit: in 1.8.1 it validates the message's value as { type, verb, data } and throws on
// what Teams sends for Action.Submit (the card's data and inputs as one flat object, as the benchmark sends it), so
// the message route reads the value itself.
app.onActivity('message', async (context) => {
  const value = context.activity.value;
  if (!value || value.verb !== 'pulse.submit') {
    return;
  }

  const outcome = answers.answer(context.activity, value);
  if (outcome.card) {
    const update = MessageFactory.attachment(CardFactory.adaptiveCard(outcome.card));
    update.id = context.activity.replyToId;
    await context.updateActivity(update);
  } else {
    await context.sendActivity(outcome.problem);
  }
});

startServer(app, {
  beforeListen: (server) => server.get('/readyz', (req, res) => res.send('ready')),
});
console.log(`agents peer: ${answers.members} members, ${answers.rounds} open round(s)`);
