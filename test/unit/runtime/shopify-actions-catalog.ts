import fs from 'node:fs';
import path from 'node:path';
import { defaultCatalogDir } from '../../../electron/domain/catalog/load-catalog';

const text = (en: string, nb = en) => ({ nb, en });
const field = (key: string, type: string, required: boolean, extra: Record<string, unknown> = {}) => ({
  key,
  name: text(key),
  type,
  required,
  ...extra,
});

/**
 * Shopify's own actions in the shape of the data model (DATA-MODEL.md §2: runtime, needs, mutation, output,
 * real task ids and field keys), written over the real catalog: the runtime tests do not depend on how far
 * resources/catalog/shopify.json has come.
 */
export const shopifyActions = [
  {
    handle: 'add_order_tags',
    taskId: 'shopify::admin::add_order_tags',
    name: text('Add order tags', 'Legg til bestillingstagger'),
    description: text('Adds tags to the order.'),
    runtime: 'admin_mutation',
    mutation: 'tagsAdd',
    needs: { type: 'Order', field: 'order_id' },
    fields: [field('order_id', 'object_reference', false, { objectType: 'Order', hidden: true }), field('tags', 'tag_list', true)],
  },
  {
    handle: 'update_order_metafield',
    taskId: 'shopify::admin::add_order_metafield',
    name: text('Update order metafield'),
    description: text('Sets a metafield on the order.'),
    runtime: 'admin_mutation',
    mutation: 'metafieldsSet',
    needs: { type: 'Order', field: 'order_id' },
    fields: [
      field('order_id', 'object_reference', false, { objectType: 'Order', hidden: true }),
      field('namespace', 'single_line_text_field', true),
      field('key', 'single_line_text_field', true),
      field('value', 'multi_line_text_field', true),
      field('value_type', 'single_line_text_field', true),
    ],
  },
  {
    handle: 'send_http_request',
    taskId: 'shopify::flow::send_http_request',
    name: text('Send HTTP request', 'Send HTTP-forespørsel'),
    description: text('Sends an HTTP request.'),
    runtime: 'http_request',
    output: { variable: 'sendHttpRequest', type: 'HttpResponse' },
    fields: [
      field('method', 'single_line_text_field', true, {
        default: 'POST',
        choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      }),
      field('url', 'url', true),
      field('headers', 'http_headers', false),
      field('body', 'multi_line_text_field', false),
      field('on_client_error', 'single_line_text_field', false, { default: 'fail', choices: ['retry', 'fail', 'ignore'] }),
    ],
  },
  {
    handle: 'run_code',
    taskId: 'shopify::flow::run_code',
    name: text('Run code', 'Kjør kode'),
    description: text('Runs JavaScript.'),
    runtime: 'run_code',
    output: { variable: 'runCode', type: 'RunCodeOutput' },
    fields: [field('input', 'graphql', true), field('script', 'javascript', true), field('output_schema', 'graphql', true)],
  },
  {
    handle: 'log_output',
    taskId: 'shopify::flow::log_output',
    name: text('Log output'),
    description: text('Writes a message to the run.'),
    runtime: 'log_output',
    fields: [field('message', 'multi_line_text_field', true)],
  },
  {
    handle: 'send_internal_email',
    taskId: 'shopify::flow::send_email',
    name: text('Send internal email', 'Send intern e-post'),
    description: text('Emails the staff.'),
    runtime: 'internal_email',
    fields: [
      field('address', 'single_line_text_field', true),
      field('subject', 'single_line_text_field', true),
      field('message', 'multi_line_text_field', true),
    ],
  },
  {
    handle: 'get_order_data',
    taskId: 'shopify::flow::fetch::orders',
    name: text('Get order data'),
    description: text('Gets orders.'),
    runtime: 'get_data',
    output: { variable: 'getOrderData', type: 'Order', list: true },
    fields: [
      field('query', 'search_query', false),
      field('sort_key', 'single_line_text_field', false),
      field('max_results', 'number_integer', false),
    ],
  },
  {
    handle: 'count',
    taskId: 'shopify::flow::count',
    name: text('Count'),
    description: text('Counts a list.'),
    runtime: 'count',
    output: { variable: 'count', type: 'Int' },
    fields: [field('list', 'single_line_text_field', true)],
  },
  {
    handle: 'sum',
    taskId: 'shopify::flow::sum',
    name: text('Sum'),
    description: text('Adds up a list.'),
    runtime: 'sum',
    output: { variable: 'sum', type: 'Decimal' },
    fields: [field('list', 'single_line_text_field', true)],
  },
];

/** A catalog directory: the real one, with these actions (replacing those of the same handle) and Order created giving `order`. */
export function writeShopifyActionsCatalog(dir: string): string {
  const real = defaultCatalogDir();
  const target = path.join(dir, 'catalog');
  fs.mkdirSync(target, { recursive: true });
  fs.cpSync(path.join(real, 'apps'), path.join(target, 'apps'), { recursive: true });
  const shopify = JSON.parse(fs.readFileSync(path.join(real, 'shopify.json'), 'utf8')) as { triggers: any[]; actions: any[] };
  const handles = new Set(shopifyActions.map((a) => a.handle));
  const taskIds = new Set(shopifyActions.map((a) => a.taskId));
  shopify.actions = [...shopify.actions.filter((a) => !handles.has(a.handle) && !taskIds.has(a.taskId)), ...shopifyActions];
  for (const t of shopify.triggers) if (t.handle === 'order_created') t.provides = [{ variable: 'order', type: 'Order' }];
  fs.writeFileSync(path.join(target, 'shopify.json'), JSON.stringify(shopify));
  return target;
}
