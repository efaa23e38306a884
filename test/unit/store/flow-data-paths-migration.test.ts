import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { validateWorkflow } from '../../../electron/domain/workflow/validate-workflow';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { migrations } from '../../../electron/store/migrations';
import { useTempDir } from '../../support/temp-dir';
import { openTestDatabase } from '../../support/app';

const tempDir = useTempDir();

/** A workflow as Flow Admin saved it before it knew Flow's data objects: flat fields of our own invention. */
const flat: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'shopify', handle: 'order_paid' }, config: {} },
  steps: [
    {
      id: 'big',
      kind: 'condition',
      condition: {
        kind: 'group',
        operator: 'and',
        items: [
          { kind: 'compare', field: 'total_price', operator: 'greater_or_equal', value: 1000 },
          { kind: 'compare', field: 'financial_status', operator: 'equals', value: 'paid' },
          { kind: 'list', field: 'tags', quantifier: 'none', item: { kind: 'compare', field: 'item', operator: 'equals', value: 'test' } },
        ],
      },
      then: [
        {
          id: 'tag',
          kind: 'action',
          task: { app: 'shopify', handle: 'add_order_tags' },
          inputs: { order_id: '{{ order_id }}', tags: 'big-spender' },
        },
        {
          id: 'each',
          kind: 'foreach',
          list: 'tags',
          body: [
            {
              id: 'say',
              kind: 'action',
              task: { app: 'slack', handle: 'send_message' },
              inputs: { channel: '#sales', text: 'Tag {{ item | upcase }} on {{order_name}} ({{ customer_email }})' },
            },
          ],
        },
      ],
      else: [],
    },
  ],
};

describe("migration 6: workflows on Shopify triggers move from flat fields to Flow's data paths", () => {
  it('rewrites conditions, For each lists and Liquid in every saved version, and the result is valid', async () => {
    const file = path.join(tempDir(), 'flat.db');
    const v5 = await openTestDatabase(file, { migrations: migrations.slice(0, 5) });
    v5.db.exec(`
      INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't');
      INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at) VALUES ('w1', 'o1', 'Big orders', '', 1, 't', 't');
    `);
    v5.db
      .prepare(
        `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by) VALUES ('w1', 1, 'Big orders', '', ?, 't', 'me')`,
      )
      .run(JSON.stringify(flat));
    v5.db.close();

    const { db } = await openTestDatabase(file);
    const stored = JSON.parse(
      (db.prepare('SELECT definition FROM workflow_versions').get() as { definition: string }).definition,
    ) as WorkflowDefinition;
    db.close();

    const big = stored.steps[0]!;
    if (big.kind !== 'condition' || big.condition.kind !== 'group') throw new Error('shape changed');
    expect(big.condition.items).toEqual([
      { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_or_equal', value: 1000 },
      { kind: 'compare', field: 'order.displayFinancialStatus', operator: 'equals', value: 'PAID' },
      {
        kind: 'list',
        field: 'order.tags',
        quantifier: 'none',
        item: { kind: 'compare', field: 'item', operator: 'equals', value: 'test' },
      },
    ]);
    const [tag, each] = big.then;
    expect(tag).toMatchObject({ inputs: { order_id: '{{ order.id }}', tags: 'big-spender' } });
    expect(each).toMatchObject({
      list: 'order.tags',
      body: [{ inputs: { text: 'Tag {{ tagsForeachitem | upcase }} on {{order.name}} ({{ order.customer.email }})' } }],
    });

    const catalog = loadCatalog();
    const problems = validateWorkflow(stored, { catalog, installedApps: new Set(['slack']), previousTriggerKey: 'shopify:order_paid' });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('leaves workflows on connector triggers as they are: their fields are what the app sends', async () => {
    const file = path.join(tempDir(), 'connector.db');
    const v5 = await openTestDatabase(file, { migrations: migrations.slice(0, 5) });
    const connector: WorkflowDefinition = {
      trigger: { id: 't', task: { app: 'loyaltylion', handle: 'points_changed' }, config: {} },
      steps: [
        {
          id: 'say',
          kind: 'action',
          task: { app: 'slack', handle: 'send_message' },
          inputs: { channel: '#x', text: '{{ customer_email }}' },
        },
      ],
    };
    v5.db.exec(
      `INSERT INTO organizations VALUES ('o1', 'N', 't', 't'); INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at) VALUES ('w1', 'o1', 'L', '', 1, 't', 't');`,
    );
    v5.db
      .prepare(
        `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by) VALUES ('w1', 1, 'L', '', ?, 't', 'me')`,
      )
      .run(JSON.stringify(connector));
    v5.db.close();
    const { db } = await openTestDatabase(file);
    expect(JSON.parse((db.prepare('SELECT definition FROM workflow_versions').get() as { definition: string }).definition)).toEqual(
      connector,
    );
  });
});
