import { createServer } from 'node:http';
import { App, ExpressReceiver } from '@slack/bolt';

// The baseline for the command benchmark: a Bolt app that checks the signature and acks, nothing more.

const port = Number(process.env.PORT);
const receiver = new ExpressReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
});
const app = new App({
  receiver,
  token: 'xoxb-bare',
  tokenVerificationEnabled: false,
  botId: 'BBARE',
  botUserId: 'UBARE',
});
app.command('/circle', async ({ ack }) => {
  await ack();
});
createServer(receiver.app).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
