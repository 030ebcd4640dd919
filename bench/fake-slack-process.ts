import { FakeSlack } from '../test/helpers/fake-slack.js';

// The fake Slack Web API in a process of its own, so that answering the bot's calls does not slow
// the process that sends the load and times it. Prints its port, then serves until stopped.

const fake = new FakeSlack();
await fake.start();
process.stdout.write(`${fake.port}\n`);
process.once('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
