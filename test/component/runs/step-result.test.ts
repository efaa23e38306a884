import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import RunSteps from '../../../renderer/src/components/runs/RunSteps.svelte';
import { i18n } from '../../../renderer/src/lib/i18n/i18n.svelte';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { RunDetail } from '../../../renderer/src/lib/state/runs.svelte';
import { apps } from '../workflow/catalog-fixture';

type Step = RunDetail['steps'][number];
const at = new Date(Date.UTC(2026, 11, 2, 12, 0, 0)).toISOString();
const step = (seq: number, over: Partial<Step>): Step => ({
  seq,
  stepId: `s${seq}`,
  kind: 'action',
  iteration: null,
  app: 'shopify',
  handle: 'add_order_tags',
  status: 'recorded',
  inputs: null,
  outputs: null,
  error: null,
  attempts: 0,
  startedAt: at,
  finishedAt: at,
  ...over,
});

const steps: Step[] = [
  step(0, {
    outputs: {
      notSent: 'offline',
      mutation: 'tagsAdd',
      variables: { id: 'gid://shopify/Order/1001', tags: ['vip'] },
      call: 'tagsAdd(id: "gid://shopify/Order/1001", tags: ["vip"])',
    },
  }),
  step(1, {
    handle: 'send_http_request',
    status: 'succeeded',
    outputs: { actionRunId: 'a1', response: null, value: { statusCode: 201, body: '{"id":42}', headers: [] } },
  }),
  step(2, { handle: 'run_code', status: 'succeeded', outputs: { actionRunId: 'a2', value: { message: 'hi' }, logs: ['lines 2'] } }),
  step(3, { handle: 'log_output', status: 'succeeded', outputs: { log: 'Tagged #1001' } }),
];
const item = (n: number) => screen.getAllByRole('listitem')[n]!;

describe("a run's steps of Shopify's own actions", () => {
  beforeEach(() => catalog.set(apps));

  it('an offline mutation is marked "Not sent: offline" with the mutation it would have sent; HTTP answers, code output, console and logs are shown', () => {
    i18n.setLanguage('en');
    render(RunSteps, { steps, deliveries: [] });
    expect(within(item(0)).getByText('Not sent: offline')).toBeInTheDocument();
    expect(within(item(0)).getByRole('group', { name: 'Not sent: offline' })).toHaveTextContent('Admin API mutation');
    expect(within(item(0)).getByText('tagsAdd(id: "gid://shopify/Order/1001", tags: ["vip"])')).toBeInTheDocument();
    expect(within(item(1)).getByText('The server answered HTTP 201')).toBeInTheDocument();
    expect(within(item(1)).getByText('{"id":42}')).toBeInTheDocument();
    expect(within(item(2)).getByText('Console')).toBeInTheDocument();
    expect(within(item(2)).getByText('lines 2')).toBeInTheDocument();
    expect(within(item(3)).getByText('Tagged #1001')).toBeInTheDocument();
  });

  it('says it in Norwegian too', () => {
    i18n.setLanguage('nb');
    render(RunSteps, { steps: steps.slice(0, 1), deliveries: [] });
    expect(within(item(0)).getByText('Ikke sendt: frakoblet')).toBeInTheDocument();
    expect(within(item(0)).getByText('Admin API-mutasjon')).toBeInTheDocument();
  });
});
