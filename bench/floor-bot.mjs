// The floor: a bare botbuilder CloudAdapter + restify bot (the project's versions), authentication
// off, that answers every message with one small Adaptive Card. Nothing a real bot can skip.
// PORT from the environment; prints "listening <port>" when ready.
import { readFileSync } from 'node:fs';
import restify from 'restify';
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  console.error('floor bot turn failed', error);
};

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Renewal window open', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: '85 days until your membership anniversary', wrap: true },
  ],
};
// FLOOR_CARDS (a JSON file: the bot's anniversary and requirements cards, as the bot sent them): answer
// with those instead, by the question's first keyword, to see what the bot's card sizes cost the SDK alone.
const sameCards = process.env.FLOOR_CARDS ? JSON.parse(readFileSync(process.env.FLOOR_CARDS, 'utf8')) : undefined;
const cardFor = (text = '') => (sameCards ? (text.includes('anniversary') ? sameCards.anniversary : sameCards.requirements) : card);

const server = restify.createServer({ name: 'floor-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(cardFor(context.activity.text))));
  });
});

server.listen(Number(process.env.PORT ?? 3979), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
