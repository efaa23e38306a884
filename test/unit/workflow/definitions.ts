import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { validateWorkflow, type ValidationContext } from '../../../electron/domain/workflow/validate-workflow';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import type { ActionStep, ConditionExpression, Step, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';

/** The real catalog, as the app loads it. */
export const catalog = loadCatalog();
const everyApp = catalog.apps.filter((a) => !a.builtIn).map((a) => a.id);

/** Every connector app installed somewhere in the organization, unless the test says otherwise. */
export function context(options: { installed?: string[]; previousTriggerKey?: string | null } = {}): ValidationContext {
  return { catalog, installedApps: new Set(options.installed ?? everyApp), previousTriggerKey: options.previousTriggerKey ?? null };
}

export function workflow(triggerKey: string | null, ...steps: Step[]): WorkflowDefinition {
  if (triggerKey === null) return { trigger: null, steps };
  const [app = '', handle = ''] = triggerKey.split(':');
  return { trigger: { id: 'trigger', task: { app, handle }, config: {} }, steps };
}

export function action(id: string, key: string, inputs: Record<string, string> = {}): ActionStep {
  const [app = '', handle = ''] = key.split(':');
  return { id, kind: 'action', task: { app, handle }, inputs };
}

export function condition(id: string, expression: ConditionExpression, then: Step[] = [], otherwise: Step[] = []): Step {
  return { id, kind: 'condition', condition: expression, then, else: otherwise };
}

export function validate(definition: WorkflowDefinition, ctx: ValidationContext = context()): ValidationProblem[] {
  return validateWorkflow(definition, ctx);
}

/** `code@step/field` per problem: compact to compare, and says where. */
export function located(problems: readonly ValidationProblem[]): string[] {
  return problems.map((p) => `${p.code}@${p.stepId ?? '-'}/${p.field ?? '-'}${p.severity === 'warning' ? ' (warning)' : ''}`);
}

/** A workflow with no problems: order paid, VIP check, tags and a Slack message. */
export function soundWorkflow(): WorkflowDefinition {
  return workflow(
    'shopify:order_paid',
    condition(
      'big-order',
      {
        kind: 'group',
        operator: 'and',
        items: [
          { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_or_equal', value: 1000 },
          { kind: 'compare', field: 'order.tags', operator: 'includes', value: 'vip' },
          { kind: 'compare', field: 'order.test', operator: 'is_false' },
        ],
      },
      [
        action('tag-order', 'shopify:add_order_tags', { order_id: 'order.id', tags: 'big-spender' }),
        action('tell-slack', 'slack:send_message', {
          channel: '#sales',
          text: 'Order {{ order.name }} paid: {{ order.totalPriceSet.shopMoney.amount }} {{ order.currencyCode }}',
        }),
      ],
      [{ id: 'pause', kind: 'wait', seconds: 3600 }],
    ),
  );
}
