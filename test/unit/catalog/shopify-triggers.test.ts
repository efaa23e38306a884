import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogTrigger } from '../../../electron/domain/catalog/catalog-schema.js';
import { loadCatalog, type Catalog } from '../../../electron/domain/catalog/load-catalog.js';
import { Environment } from '../../../electron/domain/environment/workflow-environment.js';
import { loadAdminSchema } from '../../../electron/domain/schema/load-admin-schema.js';
import { legacyShopifyFields } from '../../../electron/domain/workflow/legacy-field-paths.js';

/**
 * Shopify Flow's own triggers against the reference collected from Shopify's help center
 * (a copy of ../shared/reference/shopify-flow-tasks.md, section 1), so CI needs no sibling checkout.
 */
const REFERENCE = path.resolve(__dirname, '../../fixtures/shopify-flow-tasks.md');

interface ReferenceTrigger {
  /** The English name as Shopify's index writes it now, without "(?)" and older names. */
  readonly en: string;
  /** Shopify's Norwegian wordings; two when the pages use two. */
  readonly nb: readonly string[];
}

/** The rows of section 1's table: `| # | English name | Norwegian (Bokmål) | Data | task_id |`. */
function parseReferenceTriggers(markdown: string): ReferenceTrigger[] {
  const start = markdown.indexOf('## 1. Triggers');
  const end = markdown.indexOf('## 2. Actions');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const rows: ReferenceTrigger[] = [];
  for (const line of markdown.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // A data row starts with its number, or "–" for the trigger that left the current index.
    if (cells.length < 6 || !/^(\d+|–)$/.test(cells[1] ?? '')) continue;
    const en = (cells[2] ?? '')
      .replace(/\[[^\]]*\]/g, '') // [older: …]
      .replace(/\([^)]*\)/g, '') // (?) and (only on older/mirror copies; …)
      .replace(/\s+/g, ' ')
      .trim();
    const nb = (cells[3] ?? '')
      .split(' / ')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    rows.push({ en, nb });
  }
  return rows;
}

/**
 * Where the catalog's Norwegian name is not one of the reference's wordings, and why. The catalog says
 * "oppfyllelsesbestilling" throughout (as most of Shopify's Norwegian pages and the actions do).
 */
const OWN_NORWEGIAN: Record<string, string> = {
  // Only the newer "distribusjonsbestilling" wording is known; worded like its "accepted" sibling.
  'Fulfillment order fulfillment cancellation request rejected':
    'Kanselleringsforespørselen for oppfyllelse av en oppfyllelsesbestilling er avvist',
  // "Oppfyllingsbestillinger som er klar …" is plural with a singular adjective; "Bestillingen er klar …" is the old trigger's name.
  'Fulfillment order ready to fulfill': 'Oppfyllelsesbestilling klar til oppfyllelse',
};

/** Flow's own types, not in the Admin API; the workflow environment defines them. */
const FLOW_TYPES = ['WorkflowError'];

let catalog: Catalog;
let triggers: readonly CatalogTrigger[];
let reference: ReferenceTrigger[];
const byEnglishName = (en: string): CatalogTrigger | undefined => triggers.find((t) => t.name.en === en);

beforeAll(() => {
  catalog = loadCatalog();
  triggers = catalog.app('shopify')!.triggers;
  reference = parseReferenceTriggers(fs.readFileSync(REFERENCE, 'utf8'));
});

describe("Shopify Flow's own triggers", () => {
  it('lists every trigger of the reference (83 in the current index plus "Customer left segment") by its English name', () => {
    expect(reference).toHaveLength(84);
    const missing = reference.filter((r) => byEnglishName(r.en) === undefined).map((r) => r.en);
    expect(missing).toEqual([]);
    expect(triggers.length).toBeGreaterThanOrEqual(80);
    expect(triggers).toHaveLength(reference.length);
  });

  it('names each trigger in Norwegian as Shopify does where its pages have a Norwegian name, else in our own words', () => {
    for (const trigger of triggers) {
      expect(trigger.name.nb, trigger.handle).not.toBe(trigger.name.en);
      expect(trigger.description.nb, trigger.handle).not.toBe(trigger.description.en);
    }
    for (const row of reference.filter((r) => r.nb.length > 0)) {
      const nb = byEnglishName(row.en)!.name.nb;
      if (row.en in OWN_NORWEGIAN) expect(nb, row.en).toBe(OWN_NORWEGIAN[row.en]);
      else expect(row.nb, row.en).toContain(nb);
    }
    expect(byEnglishName('Order created')?.name.nb).toBe('Bestilling opprettet');
    expect(byEnglishName('Fulfillment order canceled')?.name.nb).toBe('Oppfyllelsesbestilling kansellert');
  });

  it("gives each trigger's data as types of the checked-in Admin API schema, Flow's own type for a workflow error, and never the shop", () => {
    const schema = loadAdminSchema();
    for (const trigger of triggers) {
      expect(trigger.provides.length, trigger.handle).toBeGreaterThan(0);
      const variables = trigger.provides.map((d) => d.variable);
      expect(new Set(variables).size, trigger.handle).toBe(variables.length);
      expect(variables, `${trigger.handle}: the environment gives shop to every workflow`).not.toContain('shop');
      for (const data of trigger.provides) {
        const real = schema.type(data.type) !== undefined || FLOW_TYPES.includes(data.type);
        expect(real, `${trigger.handle}: ${data.variable}: ${data.type} is not a type of the Admin API ${schema.apiVersion}`).toBe(true);
      }
    }
  });

  it('gives the objects Flow names for the triggers that give more than one', () => {
    const provides = (handle: string): string[] =>
      catalog.trigger('shopify', handle)!.provides.map((d) => `${d.variable}: ${d.list ? `[${d.type}]` : d.type}`);
    expect(provides('order_created')).toEqual(['order: Order']);
    // A real export of this trigger tests `oldStatus` (EnvironmentEnumDefinition:ProductStatus) beside product.status.
    expect(provides('product_status_updated')).toEqual(['product: Product', 'oldStatus: ProductStatus']);
    expect(provides('inventory_quantity_changed')).toEqual([
      'product: Product',
      'productVariant: ProductVariant',
      'inventoryQuantityPrior: Int',
    ]);
    expect(provides('fulfillment_order_split')).toEqual([
      'fulfillmentOrder: FulfillmentOrder',
      'remainingFulfillmentOrder: FulfillmentOrder',
      'replacementFulfillmentOrder: FulfillmentOrder',
    ]);
    expect(provides('fulfillment_created')).toEqual(['fulfillment: Fulfillment', 'order: Order']);
    expect(provides('refund_created')).toEqual(['refund: Refund', 'order: Order']);
    expect(provides('order_transaction_created')).toEqual(['transaction: OrderTransaction', 'order: Order']);
    expect(provides('customer_tags_added')).toEqual(['customer: Customer', 'tags: [String]']);
    expect(provides('subscription_billing_attempt_failure')).toEqual([
      'subscriptionBillingAttempt: SubscriptionBillingAttempt',
      'subscriptionContract: SubscriptionContract',
    ]);
    expect(provides('scheduled_time')).toEqual(['scheduledAt: DateTime']);
    expect(provides('workflow_error_occurred')).toContain('workflowError: WorkflowError');
    // Shopify's page builds a link to the failed run from top-level variables: https://{{shopDomain}}/…/{{workflowRunId}}
    expect(provides('workflow_error_occurred')).toEqual(expect.arrayContaining(['shopDomain: String', 'workflowRunId: ID']));
  });

  it('says in both languages that a deleted object comes with its id only', () => {
    const deleted = triggers.filter((t) => t.name.en.endsWith(' deleted'));
    expect(deleted.map((t) => t.handle).sort()).toEqual([
      'collection_deleted',
      'customer_deleted',
      'draft_order_deleted',
      'inventory_item_deleted',
      'order_deleted',
      'product_deleted',
      'product_variant_deleted',
      'selling_plan_group_deleted',
    ]);
    for (const trigger of deleted) {
      expect(trigger.provides, trigger.handle).toHaveLength(1);
      expect(trigger.description.en, trigger.handle).toMatch(/only the id is available/);
      expect(trigger.description.nb, trigger.handle).toMatch(/bare ID-en er tilgjengelig/);
    }
  });

  it('uses the task ids of real .flow exports, shopify::admin::<handle> otherwise, and accepts the other spellings seen', () => {
    expect(catalog.findTask('shopify::admin::order_created')?.task.handle).toBe('order_created');
    expect(catalog.findTask('shopify::admin::product_status_updated')?.task.handle).toBe('product_status_updated');
    expect(catalog.trigger('shopify', 'scheduled_time')?.taskId).toBe('shopify::flow::scheduled_time');
    for (const trigger of triggers.filter((t) => t.handle !== 'scheduled_time')) {
      expect(trigger.taskId).toBe(`shopify::admin::${trigger.handle}`);
    }
    const aliases = (handle: string): readonly string[] => catalog.trigger('shopify', handle)!.taskIdAliases;
    expect(aliases('product_created')).toContain('shopify::admin::product_added');
    expect(aliases('order_canceled')).toContain('shopify::admin::order_cancelled');
    expect(aliases('metaobject_entry_created')).toContain('shopify::admin::metaobject_created');
    expect(aliases('inventory_quantity_changed')).toContain('shopify::admin::product_variant_inventory_quantity_changed');
    const ids = triggers.flatMap((t) => [t.taskId, ...t.taskIdAliases]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the handles of the seven triggers stored workflows already use, each giving its Admin API objects', () => {
    const kept = {
      order_created: ['order'],
      order_paid: ['order'],
      order_fulfilled: ['order'],
      customer_created: ['customer'],
      product_created: ['product'],
      inventory_quantity_changed: ['product', 'productVariant', 'inventoryQuantityPrior'],
      scheduled_time: ['scheduledAt'],
    };
    for (const [handle, variables] of Object.entries(kept)) {
      expect(
        catalog.trigger('shopify', handle)?.provides.map((p) => p.variable),
        handle,
      ).toEqual(variables);
    }
    expect(catalog.trigger('shopify', 'scheduled_time')?.schedule).toEqual({ kind: 'daily', at: '00:00' });
  });

  it('offers after every Shopify trigger exactly the shop and its data objects: no flat field of our own', () => {
    expect(triggers.filter((t) => t.fields.length > 0).map((t) => t.handle)).toEqual([]);
    for (const trigger of triggers) {
      // The editor's variable and field pickers list this scope; validation and the runtime read the same.
      const scope = Environment.ofTrigger(trigger, catalog.schema);
      const expected = ['shop', ...trigger.provides.map((p) => p.variable)].sort();
      expect([...scope.variables.keys()].sort(), trigger.handle).toEqual(expected);
    }
    // The old stand-in names (`total_price`, `customer_email`) are no path at all; their real paths are.
    for (const [handle, fields] of Object.entries(legacyShopifyFields)) {
      const scope = Environment.ofTrigger(catalog.trigger('shopify', handle), catalog.schema);
      for (const [flat, { path }] of Object.entries(fields)) {
        expect(scope.resolve(flat).ok, `${handle}: ${flat}`).toBe(false);
        expect(scope.resolve(path).ok, `${handle}: ${path}`).toBe(true);
      }
    }
  });

  it('marks "Customer left segment" deprecated, which Shopify no longer lists, and only it', () => {
    expect(triggers.filter((t) => t.deprecated).map((t) => t.handle)).toEqual(['customer_left_segment']);
  });
});
