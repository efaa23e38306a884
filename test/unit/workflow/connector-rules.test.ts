import { describe, expect, it } from 'vitest';
import { action, condition, context, located, validate, workflow } from './definitions';

describe('the rules of connectors, as validation enforces them', () => {
  it("R1 apps give triggers and/or actions: an app's trigger cannot be an action, nor its action a trigger", () => {
    // LoyaltyLion gives both: "Customer birthday today" is a trigger, "Add points" an action.
    expect(
      validate(
        workflow(
          'loyaltylion:customer_birthday_today',
          action('a1', 'loyaltylion:add_points', { customer_id: '{{ customer_id }}', points: '100' }),
        ),
      ),
    ).toEqual([]);

    const problems = validate(workflow('loyaltylion:add_points', action('a1', 'loyaltylion:customer_birthday_today')));
    expect(located(problems)).toEqual(['action_used_as_trigger@trigger/task.handle', 'trigger_used_as_action@a1/task.handle']);
    expect(problems.map((p) => p.message)).toEqual([
      'Step "trigger": "Add points" is an action of LoyaltyLion rewards & referral, not a trigger: it cannot start a workflow',
      'Step "a1": "Customer\'s birthday is today" is a trigger of LoyaltyLion rewards & referral, not an action: it cannot be a step',
    ]);

    // An app that gives only actions (Slack) has nothing to start a workflow with.
    expect(located(validate(workflow('slack:send_message')))).toEqual(['action_used_as_trigger@trigger/task.handle']);
  });

  it('R3 triggers and actions are chosen from the Installed list: an app on the Not installed list is refused', () => {
    const definition = workflow(
      'yotpo:new_review',
      action('a1', 'slack:send_message', { channel: '#reviews', text: 'New review' }),
      action('a2', 'shopify:send_internal_email', { to: 'reviews@example.com', subject: 'Review', body: '{{ review_title }}' }),
    );
    const problems = validate(definition, context({ installed: [] }));
    expect(located(problems)).toEqual([
      'app_not_installed_in_organization@trigger/task.app',
      'app_not_installed_in_organization@a1/task.app',
    ]);
    expect(problems[0]!.message).toBe(
      'Step "trigger": Yotpo: Photo & Product Reviews is on the Not installed list: install it in at least one store of the organization before using its triggers',
    );
    expect(problems[1]!.params).toMatchObject({ appId: 'slack', appName: 'Slack' });
    // Shopify's own triggers and actions are always on the Installed list.
    expect(
      validate(
        workflow('shopify:order_paid', action('a2', 'shopify:add_order_tags', { order_id: '1', tags: 'x' })),
        context({ installed: [] }),
      ),
    ).toEqual([]);
  });

  it("R4 conditions cannot be set with connectors: a condition naming an app's task or an action step is refused", () => {
    const slack = action('notify', 'slack:send_message', { channel: '#x', text: 'y' });
    const routes = [
      { kind: 'compare' as const, field: 'slack:send_message', operator: 'equals' as const, value: 'sent' }, // app:handle
      { kind: 'compare' as const, field: 'loyaltylion::flow-connectors::add_points', operator: 'is_not_empty' as const }, // a .flow task id
      { kind: 'compare' as const, field: 'klaviyo.track_event', operator: 'is_true' as const }, // app.something
      { kind: 'compare' as const, field: 'notify', operator: 'is_not_empty' as const }, // the "result" of an action step
      {
        kind: 'list' as const,
        field: 'yotpo:new_review',
        quantifier: 'any' as const,
        item: { kind: 'compare' as const, field: 'item', operator: 'is_empty' as const },
      },
    ];
    const problems = validate(workflow('shopify:order_paid', slack, condition('c1', { kind: 'group', operator: 'or', items: routes })));
    expect(located(problems)).toEqual(routes.map((_, i) => `connector_as_condition@c1/condition.items[${i}].field`));
    expect(problems.map((p) => p.params['appId'])).toEqual(['slack', 'loyaltylion', 'klaviyo', 'slack', 'yotpo']);
    expect(problems[0]!.message).toBe(
      'Step "c1": "slack:send_message" names the action slack:send_message; a condition tests the trigger\'s data and can never be a connector (R4)',
    );
    // Even without a trigger to compare against, a connector in a condition is caught.
    expect(located(validate(workflow(null, condition('c1', routes[0]!))))).toEqual([
      'trigger_missing@-/trigger',
      'connector_as_condition@c1/condition.field',
    ]);
  });

  it('R5 an app installed in no store of the organization is on the Not installed list: installing it in one store is enough', () => {
    const definition = workflow(
      'shopify:customer_created',
      action('a1', 'klaviyo:track_event', { event_name: 'Signed up', customer_email: '{{ customer.email }}' }),
    );
    expect(located(validate(definition, context({ installed: ['slack'] })))).toEqual(['app_not_installed_in_organization@a1/task.app']);
    expect(validate(definition, context({ installed: ['slack', 'klaviyo'] }))).toEqual([]);
  });
});

describe('catalog constraints', () => {
  it('AgeChecked verification requires the order ID', () => {
    const problems = validate(workflow('shopify:order_created', action('verify', 'agechecked:verify_order', { minimum_age: '18' })));
    expect(located(problems)).toEqual(['missing_required_field@verify/order_id']);
    expect(problems[0]!.message).toBe('Step "verify": "Order" is required by "AgeChecked verification"');
    expect(
      validate(workflow('shopify:order_created', action('verify', 'agechecked:verify_order', { order_id: '{{ order.id }}' }))),
    ).toEqual([]);
  });

  it('FirePush SMS needs the phone number in E.164 format', () => {
    const sms = (phone: string) =>
      validate(workflow('shopify:customer_created', action('sms', 'firepush:send_sms', { phone, message: 'Welcome!' })));
    for (const bad of ['91234567', '004791234567', '+47 912 34 567', '+0123456', '+1234567890123456']) {
      const problems = sms(bad);
      expect(located(problems), bad).toEqual(['wrong_format@sms/phone']);
      expect(problems[0]!.message).toBe('Step "sms": "Phone number" must be a phone number in E.164 format (e.g. +4791234567)');
    }
    expect(sms('+4791234567')).toEqual([]);
    expect(sms('{{ customer.phone }}')).toEqual([]); // known only once rendered
  });

  it('Klevu promote/demote only after the trigger Inventory quantity changed', () => {
    const promote = action('boost', 'klevu:promote_demote_product', { product_id: '{{ product.id }}', boost_score: '10' });
    expect(validate(workflow('shopify:inventory_quantity_changed', promote))).toEqual([]);
    const problems = validate(workflow('shopify:product_created', promote));
    expect(located(problems)).toEqual(['constraint_requires_trigger@boost/task.handle']);
    expect(problems[0]!.message).toBe(
      'Step "boost": "Promote/demote product in search": This action can only be used in a workflow that starts with the trigger Inventory quantity changed.',
    );
    expect(problems[0]!.params).toMatchObject({ triggers: 'shopify:inventory_quantity_changed' });
  });

  it('Enquire legacy trigger is deprecated: refused in a new workflow, a warning where it was already used', () => {
    const legacy = workflow(
      'enquire:survey_response_created_legacy',
      action('tag', 'shopify:add_order_tags', { order_id: '{{ order_id }}', tags: 'surveyed' }),
    );
    const fresh = validate(legacy);
    expect(located(fresh)).toEqual(['deprecated_trigger@trigger/task.handle']);
    expect(fresh[0]!.message).toBe(
      'Step "trigger": "Survey response created (legacy)" is deprecated and cannot start a new workflow; choose another trigger',
    );

    const kept = validate(legacy, context({ previousTriggerKey: 'enquire:survey_response_created_legacy' }));
    expect(located(kept)).toEqual(['deprecated_trigger@trigger/task.handle (warning)']);
    // Switching an existing workflow to the legacy trigger is as new as a new workflow.
    expect(located(validate(legacy, context({ previousTriggerKey: 'enquire:new_survey_response' })))).toEqual([
      'deprecated_trigger@trigger/task.handle',
    ]);
  });

  it('Edit Order expand bundles is early access: a warning, not an error', () => {
    const problems = validate(
      workflow('shopify:order_paid', action('expand', 'edit_order:expand_bundles', { order_id: '{{ order.id }}' })),
    );
    expect(problems).toEqual([
      {
        code: 'early_access_only',
        severity: 'warning',
        stepId: 'expand',
        field: 'task.handle',
        message: 'Step "expand": "Expand bundles" is only available to stores in Edit Order by Cleverific\'s early-access programme',
        params: { stepId: 'expand', appId: 'edit_order', handle: 'expand_bundles' },
      },
    ]);
  });
});
