import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';

// The fake Web API refuses what Slack refuses, as Slack answers: the end-to-end tests fail where the
// real platform would.

describe('the fake Slack Web API', () => {
  const fake = new FakeSlack();
  let client: WebClient;
  beforeAll(async () => {
    await fake.start();
    client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => fake.stop());

  const errorOf = (call: Promise<unknown>) =>
    call.then(
      () => 'ok',
      (error: { data?: { error?: string } }) => error.data?.error,
    );
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('refuses a message past Block Kit limits with invalid_blocks, and takes one within them', async () => {
    expect(
      await errorOf(
        client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('x'.repeat(3001))] as never }),
      ),
    ).toBe('invalid_blocks');
    expect(
      await errorOf(
        client.chat.postEphemeral({
          channel: 'C1',
          user: 'U1',
          text: 'x',
          blocks: Array.from({ length: 51 }, () => section('x')),
        }),
      ),
    ).toBe('invalid_blocks');
    expect(
      await errorOf(
        client.chat.update({ channel: 'C1', ts: '1.2', text: 'x', blocks: [section('👍🏽'.slice(0, 3))] as never }),
      ),
    ).toBe('invalid_blocks');
    expect(
      await errorOf(
        client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('x'.repeat(3000))] as never }),
      ),
    ).toBe('ok');
  });

  it('refuses a view past the limits with invalid_arguments', async () => {
    const view = (maxLength: number) => ({
      type: 'modal',
      title: { type: 'plain_text', text: 'Form' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'b',
          label: { type: 'plain_text', text: 'Answer' },
          element: { type: 'plain_text_input', action_id: 'value', max_length: maxLength },
        },
      ],
    });
    expect(await errorOf(client.views.open({ trigger_id: 't', view: view(4000) as never }))).toBe('invalid_arguments');
    expect(await errorOf(client.views.open({ trigger_id: 't', view: view(3000) as never }))).toBe('ok');
    expect(
      await errorOf(
        client.views.publish({
          user_id: 'U1',
          view: { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) } as never,
        }),
      ),
    ).toBe('invalid_arguments');
  });
});
