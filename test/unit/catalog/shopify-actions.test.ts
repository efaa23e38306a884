import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogAction, CatalogApp } from '../../../electron/domain/catalog/catalog-schema.js';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog.js';
import { loadAdminSchema } from '../../../electron/domain/schema/load-admin-schema.js';

/**
 * Shopify Flow's own actions (issue 9, item 1), checked against the reference table of
 * ../shared/reference/shopify-flow-tasks.md §2 (copied to test/fixtures): every action is in the
 * catalog under its English name, with the object it works on, the mutation it sends and the data it gives.
 */

const REFERENCE = path.resolve(__dirname, '../../fixtures/shopify-flow-tasks.md');

interface ReferenceAction {
  row: number;
  /** The English name, without "(?)", alternatives in brackets and remarks after " — ". */
  name: string;
  /** Norwegian names the help center uses, when it has any ("A / B" gives both). */
  nb: string[];
  dataRequired: string;
  mutation: string;
}

/** "collection(s)" is a plural, kept as "collections"; "(also …)", "(newer: …)", "(?)" are dropped. */
function cleanName(raw: string): string {
  let name = raw.split(' — ')[0]!.replace(/(\w)\(s\)/g, '$1s');
  while (/\([^()]*\)/.test(name)) name = name.replace(/\s*\([^()]*\)/g, '');
  return name.replace(/\s+/g, ' ').trim();
}

/** The rows of the table under "## 2. Actions". */
function parseActions(markdown: string): ReferenceAction[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.indexOf('## 2. Actions');
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## 3.'));
  expect(start).toBeGreaterThan(0);
  const rows: ReferenceAction[] = [];
  for (const line of lines.slice(start, end)) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 7 || !/^\d+$/.test(cells[1]!)) continue;
    rows.push({
      row: Number(cells[1]),
      name: cleanName(cells[2]!),
      nb: cells[3]!
        .replace(/\s*\(sic\)/, '')
        .split(' / ')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      dataRequired: cells[4]!,
      mutation: cells[5]!,
    });
  }
  return rows;
}

/** The reference's words for the objects actions work on, as GraphQL Admin API types. */
const OBJECT_TYPE: Record<string, string> = {
  order: 'Order',
  customer: 'Customer',
  product: 'Product',
  'product variant': 'ProductVariant',
  collection: 'Collection',
  'draft order': 'DraftOrder',
  company: 'Company',
  'company location': 'CompanyLocation',
  'company contact': 'CompanyContact',
  'fulfillment order': 'FulfillmentOrder',
  return: 'Return',
  shop: 'Shop',
};

/**
 * Norwegian names that deliberately differ from the help center's, and why. Everything else uses one of
 * the help center's own wordings.
 */
const NB_DEVIATIONS: Record<string, string> = {
  add_draft_order_tags: 'the help center writes "bestillingskutkast", a typo for bestillingsutkast',
  get_fulfillment_order_data: 'Shopify\'s newer term "distribusjonsbestilling", as in every fulfillment action',
  move_fulfillment_order: 'Shopify\'s newer term "distribusjonsbestilling", as in every fulfillment action',
  submit_fulfillment_request: 'Shopify\'s newer term "distribusjon", as in every fulfillment action',
  remove_company_metafield: 'the pattern of every other "Fjern metafelt for …" action',
  delete_redirect_urls: 'the term of "Opprett URL-omdirigering"',
};

/** Actions that change the store but act on no object of the workflow (the reference: "none"). */
const ACTS_ON_NO_OBJECT = new Set(['create_redirect_url', 'delete_redirect_urls', 'create_metafield_definition']);

/** Shopify Email's marketing activities are not sent through a public Admin API mutation. */
const NO_PUBLIC_MUTATION = new Set(['send_marketing_email']);

let shopify: CatalogApp;
let reference: ReferenceAction[];
const byName = (name: string): CatalogAction | undefined => shopify.actions.find((a) => a.name.en === name);
const action = (handle: string): CatalogAction => {
  const found = shopify.actions.find((a) => a.handle === handle);
  if (!found) throw new Error(`no Shopify action ${handle}`);
  return found;
};
const camelCase = (name: string): string =>
  name
    .split(/\s+/)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');

beforeAll(() => {
  shopify = loadCatalog().app('shopify')!;
  reference = parseActions(fs.readFileSync(REFERENCE, 'utf8'));
});

describe("Shopify's own actions, as the help center lists them", () => {
  it('reads the 93 actions of the reference, For each and Wait included', () => {
    expect(reference).toHaveLength(93);
    expect(reference.map((r) => r.row)).toEqual(Array.from({ length: 93 }, (_, i) => i + 1));
    expect(reference.map((r) => r.name)).toEqual(
      expect.arrayContaining(['For each', 'Wait', 'Remove product from collections', 'Move fulfillment order', 'Get analytics data']),
    );
  });

  it('has every action of the reference under its English name, and no other', () => {
    const missing = reference.filter((r) => !byName(r.name)).map((r) => `${r.row} ${r.name}`);
    expect(missing).toEqual([]);
    const names = new Set(reference.map((r) => r.name));
    expect(shopify.actions.filter((a) => !names.has(a.name.en)).map((a) => a.handle)).toEqual([]);
    expect(shopify.actions.length).toBeGreaterThanOrEqual(90);
  });

  it('names each in Norwegian as the help center does, where it does', () => {
    const differing: string[] = [];
    for (const r of reference) {
      const found = byName(r.name)!;
      expect(found.name.nb, r.name).not.toBe('');
      if (r.nb.length > 0 && !r.nb.includes(found.name.nb) && !(found.handle in NB_DEVIATIONS)) {
        differing.push(`${found.handle}: "${found.name.nb}" is none of ${r.nb.join(' / ')}`);
      }
    }
    expect(differing).toEqual([]);
    for (const handle of Object.keys(NB_DEVIATIONS))
      expect(
        shopify.actions.some((a) => a.handle === handle),
        handle,
      ).toBe(true);
  });

  it('keeps the handles stored workflows use, and calls add_order_note by its real name', () => {
    for (const handle of [
      'add_order_tags',
      'remove_order_tags',
      'add_customer_tags',
      'remove_customer_tags',
      'add_order_note',
      'send_internal_email',
      'send_http_request',
    ]) {
      expect(action(handle).runtime, handle).not.toBe('deliver');
    }
    expect(action('add_order_note').name).toEqual({ nb: 'Oppdater bestillingsnotat', en: 'Update order note' });
  });

  it("uses the task ids seen in real exports and in Shopify's own Flow documentation", () => {
    const ids: Record<string, string> = {
      create_redirect_url: 'shopify::admin::created_redirect_url',
      update_order_metafield: 'shopify::admin::add_order_metafield',
      update_customer_metafield: 'shopify::admin::add_customer_metafield',
      update_product_metafield: 'shopify::admin::add_product_metafield',
      send_internal_email: 'shopify::flow::send_email',
      run_code: 'shopify::flow::run_code',
      send_admin_api_request: 'shopify::admin::admin_api_operation',
      get_order_data: 'shopify::flow::fetch::orders',
      get_customer_data: 'shopify::flow::fetch::customers',
      get_product_data: 'shopify::flow::fetch::products',
      sum: 'shopify::flow::sum',
      count: 'shopify::flow::count',
      for_each: 'shopify::flow::foreach',
      wait: 'shopify::flow::wait',
      send_shopify_alert_for_errors: 'shopify::iris::send_shopify_alert_for_errors',
      add_draft_order_tags: 'shopify::admin::add_draft_order_tags',
      add_order_tags: 'shopify::admin::add_order_tags',
      add_product_tags: 'shopify::admin::add_product_tags',
      capture_payment: 'shopify::admin::capture_payment',
      get_analytics_data: 'shopify::flow::execute_shopifyql',
      send_marketing_email: 'shopify::email::execute_marketing_activity',
    };
    for (const [handle, taskId] of Object.entries(ids)) expect(action(handle).taskId, handle).toBe(taskId);
    for (const a of shopify.actions.filter((x) => x.runtime === 'get_data' && x.taskId.startsWith('shopify::flow::fetch::'))) {
      expect(a.output?.variable, a.handle).toMatch(/^get[A-Z]/);
    }
  });
});

describe('what each action works on, sends and gives', () => {
  it('gives every store-changing action its object (a hidden field) and its Admin API mutation', () => {
    const changing = shopify.actions.filter((a) => a.runtime === 'admin_mutation');
    expect(changing.length).toBeGreaterThan(60);
    for (const a of changing) {
      if (!NO_PUBLIC_MUTATION.has(a.handle)) expect(a.mutation, a.handle).toMatch(/^[a-z][A-Za-z]+$/);
      if (!ACTS_ON_NO_OBJECT.has(a.handle)) expect(a.needs, a.handle).toBeDefined();
    }
    for (const a of shopify.actions.filter((x) => x.runtime !== 'admin_mutation')) expect(a.mutation, a.handle).toBeUndefined();
  });

  it('carries every needed object in a hidden object_reference field of that type', () => {
    for (const a of shopify.actions.filter((x) => x.needs)) {
      const field = a.fields.find((f) => f.key === a.needs!.field);
      expect(field, a.handle).toMatchObject({ type: 'object_reference', objectType: a.needs!.type, hidden: true, required: true });
    }
    const hiddenWithoutNeeds = shopify.actions.filter((a) => a.fields.some((f) => f.hidden) && !a.needs).map((a) => a.handle);
    expect(hiddenWithoutNeeds).toEqual([]);
  });

  it('needs the object the reference names, and sends the mutation its page names', () => {
    for (const r of reference) {
      const a = byName(r.name)!;
      const object = OBJECT_TYPE[r.dataRequired.split(/ \(| \//)[0]!.trim()];
      if (object && !r.dataRequired.includes('(?)')) expect(a.needs?.type, r.name).toBe(object);
      if (/^none\b/.test(r.dataRequired)) expect(a.needs, r.name).toBeUndefined();
      const confirmed = /^[a-z][A-Za-z]+$/.test(r.mutation);
      if (confirmed) expect(a.mutation, r.name).toBe(r.mutation);
    }
    expect(action('add_order_tags')).toMatchObject({ needs: { type: 'Order', field: 'order_id' }, mutation: 'tagsAdd' });
    expect(action('add_order_tags').fields.map((f) => [f.key, f.type])).toEqual([
      ['order_id', 'object_reference'],
      ['tags', 'tag_list'],
    ]);
  });

  it('gives a list of objects for every "Get … data" step, named as Flow names step variables', () => {
    const getData = shopify.actions.filter((a) => /^Get .+ data$/.test(a.name.en) && a.handle !== 'get_analytics_data');
    expect(getData).toHaveLength(13);
    for (const a of getData) {
      expect(a.runtime, a.handle).toBe('get_data');
      expect(a.output, a.handle).toMatchObject({ variable: camelCase(a.name.en), list: true });
      expect(
        a.fields.map((f) => f.key),
        a.handle,
      ).toEqual(['query', 'sort_key', 'max_results']);
      expect(a.fields.find((f) => f.key === 'query')?.type).toBe('search_query');
      const sort = a.fields.find((f) => f.key === 'sort_key')!;
      expect(sort.choices, a.handle).toContain(sort.default);
    }
    expect(action('get_order_data').output).toEqual({ variable: 'getOrderData', type: 'Order', list: true });
    expect(action('get_discount_data').output?.type).toBe('DiscountNode');
    expect(action('get_metaobject_entries').output).toEqual({ variable: 'getMetaobjectEntries', type: 'Metaobject', list: true });
    expect(action('get_metaobject_entry').output).toEqual({ variable: 'getMetaobjectEntry', type: 'Metaobject', list: false });
    expect(action('look_up_customer_in_segment').output).toEqual({
      variable: 'customerSegmentMembership',
      type: 'SegmentMembershipResponse',
      list: false,
    });
  });

  it('gives Count an Int, Sum a Decimal, Run code and Send HTTP request their result objects', () => {
    expect(action('count')).toMatchObject({ runtime: 'count', output: { variable: 'count', type: 'Int', list: false } });
    expect(action('sum')).toMatchObject({ runtime: 'sum', output: { variable: 'sum', type: 'Decimal', list: false } });
    expect(action('run_code')).toMatchObject({ runtime: 'run_code', output: { variable: 'runCode', type: 'RunCodeOutput' } });
    expect(action('send_http_request')).toMatchObject({
      runtime: 'http_request',
      output: { variable: 'sendHttpRequest', type: 'HttpResponse' },
    });
    for (const a of shopify.actions.filter((x) => x.output && x.handle !== 'look_up_customer_in_segment')) {
      expect(a.output!.variable, a.handle).toBe(camelCase(a.name.en));
    }
  });

  it('runs For each, Wait, Log output, the emails and the Admin API request as their own kinds of step', () => {
    const runtime = Object.fromEntries(shopify.actions.map((a) => [a.handle, a.runtime]));
    expect(runtime).toMatchObject({
      for_each: 'foreach',
      wait: 'wait',
      log_output: 'log_output',
      send_internal_email: 'internal_email',
      send_shopify_alert_for_errors: 'alert',
      send_admin_api_request: 'admin_api_request',
    });
    expect(shopify.actions.every((a) => a.runtime !== 'deliver')).toBe(true);
  });
});

describe('against the Admin API schema', () => {
  /** Flow's own result shapes, defined by the workflow environment, not the Admin API. */
  const SYNTHETIC = new Set(['HttpResponse', 'RunCodeOutput']);

  it('sends only mutations the Admin API has', () => {
    const mutations = new Set(loadAdminSchema().mutations());
    const unknown = shopify.actions.filter((a) => a.mutation && !mutations.has(a.mutation)).map((a) => `${a.handle}: ${a.mutation}`);
    expect(unknown).toEqual([]);
  });

  it('names Admin API types for what actions need, pick and give', () => {
    const schema = loadAdminSchema();
    const types = shopify.actions.flatMap((a) => [
      ...(a.needs ? [[a.handle, a.needs.type]] : []),
      ...(a.output && !SYNTHETIC.has(a.output.type) ? [[a.handle, a.output.type]] : []),
      ...a.fields.filter((f) => f.objectType).map((f) => [`${a.handle}.${f.key}`, f.objectType!]),
    ]);
    expect(types.filter(([, type]) => !schema.type(type!)).map(([where, type]) => `${where}: ${type}`)).toEqual([]);
  });

  it('offers the enum values of the Admin API as choices where a field is one', () => {
    const schema = loadAdminSchema();
    const enumOf: Record<string, string> = {
      'cancel_order.reason': 'OrderCancelReason',
      'hold_fulfillment_order.reason': 'FulfillmentHoldReason',
      'update_product_status.status': 'ProductStatus',
    };
    for (const [where, enumName] of Object.entries(enumOf)) {
      const [handle, key] = where.split('.');
      const values = schema.type(enumName)?.enumValues;
      expect(values, enumName).toBeDefined();
      expect(action(handle!).fields.find((f) => f.key === key)?.choices, where).toEqual(values);
    }
  });
});

describe('input fields with the keys real .flow files use', () => {
  const keys = (handle: string): string[] => action(handle).fields.map((f) => f.key);

  it('Update order metafield and Create redirect URL: the keys of the two real exports', () => {
    expect(keys('update_order_metafield')).toEqual(['order_id', 'namespace', 'key', 'value', 'value_type']);
    // The real export stores a date metafield.
    expect(action('update_order_metafield').fields.find((f) => f.key === 'value_type')?.choices).toContain('date');
    expect(keys('create_redirect_url')).toEqual(['path', 'target', 'overwrite_target']);
    expect(action('create_redirect_url').fields.find((f) => f.key === 'overwrite_target')?.type).toBe('boolean');
  });

  it('Send HTTP request: method (POST unless chosen), URL, header pairs, body and what to do on errors', () => {
    const fields = action('send_http_request').fields;
    expect(fields.map((f) => f.key)).toEqual(['method', 'url', 'headers', 'body', 'on_client_error', 'on_server_error']);
    expect(fields[0]).toMatchObject({ choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], default: 'POST', required: true });
    expect(fields[1]?.type).toBe('url');
    expect(fields[2]?.type).toBe('http_headers');
    expect(fields[4]?.choices).toEqual(['retry', 'fail', 'ignore']);
    expect(fields[5]?.choices).toEqual(['retry', 'fail', 'ignore']);
  });

  it('Run code: a GraphQL input query, JavaScript and a GraphQL output schema', () => {
    expect(action('run_code').fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ['input', 'graphql', true],
      ['script', 'javascript', true],
      ['output_schema', 'graphql', true],
    ]);
  });

  it('Send Admin API request: one JSON api_call with the mutation name and its inputs', () => {
    expect(action('send_admin_api_request').fields.map((f) => [f.key, f.type])).toEqual([['api_call', 'json']]);
  });

  it('Send Shopify alert for errors: nothing to fill in, as Flow fixes its configuration', () => {
    expect(action('send_shopify_alert_for_errors').fields).toEqual([]);
  });

  it('every tag action takes a tag list, every metafield action a namespace and key', () => {
    for (const a of shopify.actions.filter((x) => / tags$/.test(x.name.en))) {
      expect(
        a.fields.find((f) => f.key === 'tags'),
        a.handle,
      ).toMatchObject({ type: 'tag_list', required: true });
      expect(a.mutation, a.handle).toBe(a.name.en.startsWith('Add') ? 'tagsAdd' : 'tagsRemove');
    }
    for (const a of shopify.actions.filter((x) => / metafield$/.test(x.name.en))) {
      expect(keys(a.handle).slice(1, 3), a.handle).toEqual(['namespace', 'key']);
      expect(a.mutation, a.handle).toBe(a.name.en.startsWith('Update') ? 'metafieldsSet' : 'metafieldsDelete');
    }
  });
});
