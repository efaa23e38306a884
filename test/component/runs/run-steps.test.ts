import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import RunSteps from '../../../renderer/src/components/runs/RunSteps.svelte';
import { i18n } from '../../../renderer/src/lib/i18n/i18n.svelte';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { RunDetail } from '../../../renderer/src/lib/state/runs.svelte';
import { apps } from '../workflow/catalog-fixture';

type Step = RunDetail['steps'][number];
type Delivery = RunDetail['deliveries'][number];

const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 12, 0, s)).toISOString();

function step(seq: number, over: Partial<Step>): Step {
  return {
    seq,
    stepId: `s${seq}`,
    kind: 'action',
    iteration: null,
    app: null,
    handle: null,
    status: 'succeeded',
    inputs: null,
    outputs: null,
    error: null,
    attempts: 0,
    startedAt: at(0),
    finishedAt: at(1),
    ...over,
  };
}

function delivery(stepSeq: number, over: Partial<Delivery>): Delivery {
  return {
    actionRunId: `run-${stepSeq}`,
    stepSeq,
    app: 'klaviyo',
    state: 'pending',
    attempts: 0,
    polls: 0,
    nextAttemptAt: null,
    lastStatus: null,
    lastError: null,
    ...over,
  };
}

const steps: Step[] = [
  step(1, { kind: 'condition', status: 'succeeded', outputs: { result: true } }),
  step(2, { app: 'klaviyo', handle: 'track_event', status: 'queued', inputs: { event_name: 'Welcome' }, attempts: 2, finishedAt: null }),
  step(3, { app: 'shopify', handle: 'add_order_tags', status: 'recorded', iteration: 1, inputs: { tags: 'vip' } }),
  step(4, {
    app: 'klaviyo',
    handle: 'create_campaign',
    status: 'failed',
    attempts: 10,
    error: 'The app answered 500 (gave up after 10 attempts)',
  }),
  step(5, { app: 'klaviyo', handle: 'track_event', status: 'accepted', attempts: 1, finishedAt: null }),
];
const deliveries: Delivery[] = [
  delivery(2, { attempts: 2, lastStatus: 503, lastError: 'The app answered 503', nextAttemptAt: at(30) }),
  delivery(4, { state: 'failed', attempts: 10, lastStatus: 500, lastError: 'The app answered 500 (gave up after 10 attempts)' }),
  delivery(5, { state: 'accepted', attempts: 1, polls: 2, lastStatus: 202, nextAttemptAt: at(40) }),
];

const item = (name: string | RegExp) => screen.getAllByRole('listitem').find((li) => within(li).queryByRole('heading', { name }))!;

describe('RunSteps', () => {
  beforeEach(() => {
    i18n.setLanguage('en');
    catalog.set(apps);
  });

  it('shows each step with its app and task by name, its state, attempts and errors, and its delivery state', () => {
    render(RunSteps, { steps, deliveries });
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(item('Condition')).toHaveTextContent('Succeeded');
    expect(item('Condition')).toHaveTextContent('Met: the Then branch ran');

    // A delivery retried after a 503: "retrying", with when the next attempt is due and what the app said.
    const second = screen.getAllByRole('listitem')[1]!;
    expect(within(second).getByRole('heading')).toHaveTextContent('Action · Klaviyo - Email Marketing: Track an event');
    const retrying = within(second).getByRole('group', { name: /^Delivery to Klaviyo/ });
    expect(retrying).toHaveTextContent('Retrying delivery');
    expect(retrying).toHaveTextContent('Attempts 2');
    expect(retrying).toHaveTextContent('Next attempt');
    expect(retrying).toHaveTextContent('HTTP 503');
    expect(retrying).toHaveTextContent('The app answered 503');

    // Shopify's own action is recorded, not delivered; the loop's item is named.
    const recorded = item(/Shopify: Add order tags/);
    expect(recorded).toHaveTextContent('Recorded');
    expect(recorded).toHaveTextContent('(item 2)');
    expect(within(recorded).queryByRole('group', { name: /^Delivery/ })).toBeNull();

    // Given up: the step's error once, the delivery's state, no next attempt.
    const failed = item(/Create a campaign/);
    expect(failed).toHaveTextContent('Failed');
    expect(within(failed).getByRole('group', { name: /^Delivery/ })).toHaveTextContent('Delivery failed');
    expect(within(failed).getByRole('group', { name: /^Delivery/ })).not.toHaveTextContent('Next attempt');
    expect(within(failed).getAllByText('The app answered 500 (gave up after 10 attempts)')).toHaveLength(1);

    // The app answered 202: Flow Admin asks it again later.
    const accepted = screen.getAllByRole('listitem')[4]!;
    expect(within(accepted).getByRole('group', { name: /^Delivery/ })).toHaveTextContent('App asked to wait');
    expect(within(accepted).getByRole('group', { name: /^Delivery/ })).toHaveTextContent('Asked again 2');
  });

  it('keeps inputs and outputs at hand as JSON, and speaks Norwegian', () => {
    i18n.setLanguage('nb');
    render(RunSteps, { steps, deliveries });
    expect(item('Betingelse')).toHaveTextContent('"result": true');
    expect(screen.getByText('Prøver leveringen igjen')).toBeInTheDocument();
    expect(screen.getByText('Leveringen feilet')).toBeInTheDocument();
    expect(screen.getAllByText('Utdata').length).toBeGreaterThan(0);
  });
});
