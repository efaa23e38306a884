import type { ActionField, CatalogTrigger } from '../catalog/catalog-schema';
import type { Catalog } from '../catalog/catalog';
import { RECURRENCE_KEY } from '../workflow/recurrence';
import { isScheduledTimeTrigger } from '../workflow/scheduled-time';
import type { ActionStep, Step, WorkflowDefinition } from '../workflow/workflow-definition';

/** Shopify's Scheduled time needs a schedule to be valid: daily at 09:00 in each store's own time, as Flow stores it. */
const sampleRecurrence = JSON.stringify(['DTSTART:20250101T090000\nRRULE:FREQ=DAILY;INTERVAL=1;WKST=MO']);

/** `app:handle` → the app and handle. */
function split(key: string): { app: string; handle: string } {
  const [app = '', handle = ''] = key.split(':');
  return { app, handle };
}

const literal: Record<ActionField['type'], string> = {
  boolean: 'true',
  email: 'ops@example.com',
  single_line_text_field: 'Example',
  multi_line_text_field: 'Example text',
  number_integer: '10',
  number_decimal: '9.5',
  url: 'https://example.com/flow',
  date_time: '2025-01-01T09:00:00Z',
  customer_reference: '1001',
  order_reference: '2001',
  product_reference: '3001',
  object_reference: 'gid://shopify/Order/2001',
  tag_list: '["vip"]',
  json: '{}',
  javascript: 'export default function main(input) { return {}; }',
  graphql: 'query { shop { name } }',
  search_query: 'created_at:>=2025-01-01',
  http_headers: '[]',
};

/** A value the field accepts: the trigger's own data where it has a field of that type, else a literal. */
function valueFor(field: ActionField, trigger: CatalogTrigger | undefined): string {
  if (field.choices?.length) return field.choices[0]!;
  if (field.format === 'e164') return '+4791234567';
  const fromTrigger = trigger?.fields.find((f) => f.type === field.type && !f.list);
  if (fromTrigger && field.type !== 'boolean') return `{{ ${fromTrigger.key} }}`;
  return literal[field.type];
}

export interface SampleOptions {
  /** Leave the first required input of the first action empty, so the workflow is invalid. */
  missingRequired?: boolean;
}

/**
 * A well-formed workflow from catalog names (`shopify:order_created`, `loyaltylion:add_points`), every
 * required input filled with a value of its type: for tests, examples and the large-organization generator.
 */
export function sampleDefinition(
  catalog: Catalog,
  triggerKey: string,
  actionKeys: readonly string[],
  options: SampleOptions = {},
): WorkflowDefinition {
  const t = split(triggerKey);
  const trigger = catalog.trigger(t.app, t.handle);
  const steps: Step[] = actionKeys.map((key, i): ActionStep => {
    const a = split(key);
    const action = catalog.action(a.app, a.handle);
    const inputs: Record<string, string> = {};
    // A hidden field (the order Add order tags acts on) is left to Flow, which takes it from the workflow's data.
    for (const field of action?.fields ?? []) if (field.required && !field.hidden) inputs[field.key] = valueFor(field, trigger);
    if (options.missingRequired && i === 0) {
      const first = action?.fields.find((f) => f.required && !f.hidden);
      if (first) delete inputs[first.key];
    }
    return { id: `action_${i + 1}`, kind: 'action', task: a, inputs };
  });
  const config: Record<string, string> = isScheduledTimeTrigger(t) ? { [RECURRENCE_KEY]: sampleRecurrence } : {};
  return { trigger: { id: 'trigger', task: t, config }, steps };
}
