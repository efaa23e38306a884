import { describe, expect, it } from 'vitest';
import { problemCodes } from '../../../electron/domain/workflow/validation-problem';
import { action, condition, context, located, soundWorkflow, validate, workflow } from './definitions';

describe('validateWorkflow: one problem code at a time, each located by step and field', () => {
  it('finds nothing wrong with a sound workflow', () => {
    expect(validate(soundWorkflow())).toEqual([]);
  });

  it('trigger_missing: a draft without a trigger', () => {
    const [problem] = validate(workflow(null));
    expect(problem).toEqual({
      code: 'trigger_missing',
      severity: 'error',
      stepId: null,
      field: 'trigger',
      message: 'The workflow has no trigger: choose the event that starts it',
      params: {},
    });
  });

  it('unknown_app: for the trigger and for an action', () => {
    const problems = validate(workflow('shopifyy:order_paid', action('a1', 'slak:send_message', { channel: 'x', text: 'y' })));
    expect(located(problems)).toEqual(['unknown_app@trigger/task.app', 'unknown_app@a1/task.app']);
    expect(problems[1]!.message).toBe('Step "a1": there is no app "slak" in the catalog');
    expect(problems[1]!.params).toEqual({ stepId: 'a1', appId: 'slak', handle: 'send_message' });
  });

  it('unknown_trigger and unknown_action: the app exists, the handle does not', () => {
    const problems = validate(workflow('shopify:order_refunded', action('a1', 'slack:send_dm', {})));
    expect(located(problems)).toEqual(['unknown_trigger@trigger/task.handle', 'unknown_action@a1/task.handle']);
    expect(problems.map((p) => p.message)).toEqual([
      'Step "trigger": Shopify has no trigger "order_refunded"',
      'Step "a1": Slack has no action "send_dm"',
    ]);
  });

  it('unknown_field: an input the action does not have', () => {
    const problems = validate(
      workflow('shopify:order_paid', action('a1', 'slack:send_message', { channel: '#x', text: 'y', emoji: ':tada:' })),
    );
    expect(located(problems)).toEqual(['unknown_field@a1/emoji']);
    expect(problems[0]!.params).toMatchObject({ fieldKey: 'emoji', known: 'channel, text' });
  });

  it('missing_required_field: absent or blank, every one of them', () => {
    const problems = validate(workflow('shopify:order_paid', action('a1', 'slack:send_message', { text: '   ' })));
    expect(located(problems)).toEqual(['missing_required_field@a1/channel', 'missing_required_field@a1/text']);
    expect(problems[0]!.message).toBe('Step "a1": "Channel or user" is required by "Send Slack message"');
  });

  it('wrong_type: whole numbers, decimals, booleans, emails, web addresses and ids', () => {
    const problems = validate(
      workflow(
        'shopify:order_paid',
        action('points', 'loyaltylion:add_points', { customer_id: 'bob', points: '1.5' }),
        action('note', 'shopify:add_order_note', { order_id: 'gid://shopify/Customer/1', note: 'x', append: 'yes' }),
        action('mail', 'shopify:send_internal_email', { to: 'ops.example.com', subject: 's', body: 'b' }),
        action('push', 'pushowl:send_push_notification', { customer_id: '7', title: 't', message: 'm', url: 'ftp://x.com/a' }),
        action('flits', 'flits:credit_adjustment_on_fulfillment', { order_id: '12', credit_amount: '12,5' }),
      ),
    );
    expect(located(problems)).toEqual([
      'wrong_type@points/customer_id',
      'wrong_type@points/points',
      'wrong_type@note/order_id',
      'wrong_type@note/append',
      'wrong_type@mail/to',
      'wrong_type@push/url',
      'wrong_type@flits/credit_amount',
    ]);
    expect(problems[1]!.message).toBe('Step "points": "Points" must be a whole number');
  });

  it('wrong_type: accepts well-typed literals, and leaves templates to be checked after rendering', () => {
    const problems = validate(
      workflow(
        'shopify:order_paid',
        action('points', 'loyaltylion:add_points', { customer_id: 'gid://shopify/Customer/42', points: '-10' }),
        action('note', 'shopify:add_order_note', {
          order_id: 'order.id',
          note: 'x',
          append: '{% if order.test %}true{% else %}false{% endif %}',
        }),
        action('mail', 'shopify:send_internal_email', { to: '{{ order.customer.email }}', subject: 's', body: 'b' }),
        action('flits', 'flits:credit_adjustment_on_fulfillment', {
          order_id: '12',
          credit_amount: '{{ order.totalPriceSet.shopMoney.amount | times: 0.1 }}',
        }),
      ),
    );
    expect(problems).toEqual([]);
  });

  it("wrong_format: a value outside the field's choices", () => {
    const problems = validate(
      workflow('shopify:order_paid', action('hook', 'shopify:send_http_request', { method: 'FETCH', url: 'https://example.com' })),
    );
    expect(located(problems)).toEqual(['wrong_format@hook/method']);
    expect(problems[0]!.message).toBe('Step "hook": "HTTP method" must be one of GET, POST, PUT, PATCH, DELETE');
  });

  it('unknown_condition_field: a field the trigger does not carry', () => {
    const problems = validate(
      workflow('shopify:order_paid', condition('c1', { kind: 'compare', field: 'order.totalPrise', operator: 'greater_than', value: 5 })),
    );
    expect(located(problems)).toEqual(['unknown_condition_field@c1/condition.field']);
    expect(problems[0]!.message).toBe('Step "c1": "order.totalPrise": Order has no field "totalPrise" (did you mean totalPrice?)');
  });

  it('duplicate_step_id: reported once per id, the trigger included', () => {
    const problems = validate(
      workflow(
        'shopify:order_paid',
        action('trigger', 'shopify:add_order_tags', { order_id: '1', tags: 'a' }),
        condition('c', { kind: 'compare', field: 'order.test', operator: 'is_true' }, [
          action('c', 'shopify:add_order_tags', { order_id: '1', tags: 'a' }),
        ]),
      ),
    );
    expect(located(problems)).toEqual(['duplicate_step_id@trigger/id', 'duplicate_step_id@c/id']);
    expect(problems[0]!.message).toBe('Step "trigger": the id "trigger" is used by 2 steps; each step needs its own');
  });

  it('opaque_step: kept as it is, with a warning', () => {
    const problems = validate(
      workflow('shopify:order_paid', { id: 'x', kind: 'opaque', taskId: 'shopify::admin::run_code', raw: { code: '...' } }),
    );
    expect(located(problems)).toEqual(['opaque_step@x/- (warning)']);
  });

  it('for-each: the list must be a list field of the trigger', () => {
    const problems = validate(
      workflow(
        'shopify:order_paid',
        { id: 'f1', kind: 'foreach', list: 'line_items', body: [] },
        { id: 'f2', kind: 'foreach', list: 'order.name', body: [] },
      ),
    );
    expect(located(problems)).toEqual(['unknown_field@f1/list', 'wrong_type@f2/list']);
  });

  it('returns every problem at once, not only the first', () => {
    const problems = validate(
      workflow(
        'klevu:top_searches',
        action('a1', 'klevu:promote_demote_product', { boost_score: 'high' }),
        action('a2', 'firepush:send_sms', { phone: '91234567', message: 'Hi {{ nobody }}' }),
        condition('c1', { kind: 'compare', field: 'slack:send_message', operator: 'equals', value: 'ok' }),
      ),
      context({ installed: ['klevu'] }),
    );
    expect(located(problems)).toEqual([
      'constraint_requires_trigger@a1/task.handle',
      'missing_required_field@a1/product_id',
      'wrong_type@a1/boost_score',
      'app_not_installed_in_organization@a2/task.app',
      'wrong_format@a2/phone',
      'unknown_variable@a2/message',
      'connector_as_condition@c1/condition.field',
    ]);
  });

  it('has a test somewhere in this folder for every problem code', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.resolve('test/unit/workflow');
    const text = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    expect(problemCodes.filter((code) => !text.includes(`'${code}@`) && !text.includes(`code: '${code}'`))).toEqual([]);
  });
});
