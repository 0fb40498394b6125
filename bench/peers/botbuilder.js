// Peer 1: a Teams bot on the Bot Framework SDK for JS (botbuilder 4.23.3), hosted the usual way (CloudAdapter behind
// express), doing the answer work of answers.js. Development mode: no app id, so no inbound tokens and no outbound
// token, as the bot runs in the benchmark.
//   PEER_DB=<sqlite file prepared by the load generator> PORT=3978 node bench/peers/botbuilder.js
// Action.Execute (invoke adaptiveCard/action): the thank-you card in the HTTP reply (onAdaptiveCardInvoke).
// Action.Submit (a message with value): the clicked card replaced with the thank-you card (updateActivity, a PUT to the
// connector at the activity's serviceUrl).
'use strict';

const express = require('express');
const {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TeamsActivityHandler,
} = require('botbuilder');
const { open } = require('./answers');

const answers = open(process.env.PEER_DB);

class PulseBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const value = context.activity.value;
      if (value && value.verb === 'pulse.submit') {
        const outcome = answers.answer(context.activity, value);
        if (outcome.card) {
          const update = MessageFactory.attachment(CardFactory.adaptiveCard(outcome.card));
          update.id = context.activity.replyToId;
          await context.updateActivity(update);
        } else {
          await context.sendActivity(outcome.problem);
        }
      }
      await next();
    });
  }

  async onAdaptiveCardInvoke(context, invokeValue) {
    const action = invokeValue.action;
    if (action.verb !== 'pulse.submit') {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: `unknown verb ${action.verb}` } };
    }

    const outcome = answers.answer(context.activity, action.data);
    return outcome.card
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.problem };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error('turn error', error);
  await context.sendActivity('Something went wrong.');
};
const bot = new PulseBot();

const server = express();
server.use(express.json());
server.get('/readyz', (req, res) => res.send('ready'));
server.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
const port = Number(process.env.PORT || 3978);
server.listen(port, '127.0.0.1', () => {
  console.log(`botbuilder peer on 127.0.0.1:${port}: ${answers.members} members, ${answers.rounds} open round(s)`);
});
