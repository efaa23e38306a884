/**
 * What checking real-shaped workflows against Flow's data model costs: 2,000 distinct workflows on
 * Shopify's own triggers, with paths on the Admin API objects (`order.customer.email`), enum and money
 * conditions, any-of list tests, For each over line items and a Get data step. Beside it, in the same
 * run and alternated with it, the floor: parsing the same definitions with their zod schema (what any
 * save pays before validation starts). Caches are cold where the name says so: a fresh Liquid cache
 * per round (distinct templates), a catalog and schema loaded in a fresh process for the start figure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKED_CATALOG_FILE, writeCheckedCatalog } from '../../electron/domain/catalog/checked-catalog';
import { checkedCatalogSources, loadCatalog } from '../../electron/domain/catalog/load-catalog';
import { validateWorkflow } from '../../electron/domain/workflow/validate-workflow';
import { workflowDefinition, type WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';
import { formatFigures, type BenchFigure } from './runtime.bench';

const catalog = loadCatalog();

export function realShaped(i: number): WorkflowDefinition {
  const trigger = i % 3 === 0 ? 'order_paid' : i % 3 === 1 ? 'order_created' : 'product_created';
  const isOrder = trigger !== 'product_created';
  const condition = isOrder
    ? {
        kind: 'group' as const,
        operator: 'and' as const,
        items: [
          { kind: 'compare' as const, field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than' as const, value: i },
          { kind: 'compare' as const, field: 'order.displayFinancialStatus', operator: 'equals' as const, value: 'PAID' },
          {
            kind: 'list' as const,
            field: 'order.lineItems',
            quantifier: 'any' as const,
            item: { kind: 'compare' as const, field: 'sku', operator: 'starts_with' as const, value: `GIFT-${i}` },
          },
        ],
      }
    : { kind: 'compare' as const, field: 'product.status', operator: 'equals' as const, value: 'ACTIVE' };
  const mail = {
    id: 'mail',
    kind: 'action' as const,
    task: { app: 'shopify', handle: 'send_internal_email' },
    inputs: isOrder
      ? {
          to: 'ops@example.com',
          subject: `Order {{ order.name }} #${i}`,
          body: `{{ order.customer.email }}: {% for li in order.lineItems %}{{ li.sku }} x{{ li.quantity }}{% endfor %} (${i})`,
        }
      : { to: 'ops@example.com', subject: `{{ product.title }} #${i}`, body: `{{ product.vendor }} {{ product.status }} ${i}` },
  };
  const each = {
    id: 'each',
    kind: 'foreach' as const,
    list: isOrder ? 'order.lineItems' : 'product.variants',
    body: [
      {
        id: 'log',
        kind: 'action' as const,
        task: { app: 'shopify', handle: 'send_internal_email' },
        inputs: {
          to: 'ops@example.com',
          subject: 's',
          body: isOrder ? `{{ lineItemsForeachitem.title }} ${i}` : `{{ variantsForeachitem.sku }} ${i}`,
        },
      },
    ],
  };
  return {
    trigger: { id: 'trigger', task: { app: 'shopify', handle: trigger }, config: {} },
    steps: [{ id: 'check', kind: 'condition', condition, then: [mail, each], else: [] }],
  };
}

function timeMs(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * A fresh process: load the catalog with the Admin schema as the app does at start, either checking every
 * catalog file with zod ('checked': running from source, or files changed since the build) or taking the
 * build's checked catalog for the same bytes ('built': a built app), or read the same JSON files only
 * ('parse'). Wall and CPU time of that part, in ms.
 */
function coldStart(what: 'checked' | 'built' | 'parse', checkedFile: string): { wall: number; cpu: number } {
  const loader = require.resolve('../../electron/domain/catalog/load-catalog');
  const script = `
    const fs = require('node:fs'), path = require('node:path');
    const { loadCatalog, defaultCatalogDir } = require(${JSON.stringify(loader)});
    const dir = defaultCatalogDir();
    const what = ${JSON.stringify(what)};
    const t0 = performance.now(), c0 = process.cpuUsage();
    if (what !== 'parse') loadCatalog(dir, what === 'built' ? ${JSON.stringify(checkedFile)} : path.join(dir, 'no-checked-catalog.json'));
    else {
      for (const f of [path.join(dir, 'shopify.json'), ...fs.readdirSync(path.join(dir, 'apps')).map((n) => path.join(dir, 'apps', n))]) JSON.parse(fs.readFileSync(f, 'utf8'));
      JSON.parse(fs.readFileSync(path.join(dir, '..', 'admin-schema.json'), 'utf8'));
    }
    const c = process.cpuUsage(c0);
    console.log(performance.now() - t0, (c.user + c.system) / 1000);`;
  const last = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }).trim().split('\n').pop()!;
  const [wall, cpu] = last.split(' ').map(Number) as [number, number];
  return { wall, cpu };
}

/** What `npm run build:electron` writes beside the compiled loader, written to a temporary file here. */
function buildCheckedCatalog(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-checked-')), CHECKED_CATALOG_FILE);
  const { fingerprint, sources } = checkedCatalogSources();
  writeCheckedCatalog(file, fingerprint, sources);
  return file;
}

export async function runValidationBench(rounds = 5): Promise<BenchFigure[]> {
  const installedApps = new Set(catalog.apps.map((a) => a.id));
  const ours: number[] = [];
  const floor: number[] = [];
  let problems = 0;
  for (let round = 0; round < rounds; round++) {
    // Distinct templates per round, so the Liquid cache is cold for every workflow.
    const workflows = Array.from({ length: 2000 }, (_, i) => realShaped(round * 2000 + i));
    const json = workflows.map((w) => JSON.parse(JSON.stringify(w)) as unknown);
    floor.push(timeMs(() => json.forEach((w) => workflowDefinition.parse(w))));
    ours.push(
      timeMs(() =>
        workflows.forEach(
          (w) =>
            (problems += validateWorkflow(w, { catalog, installedApps, previousTriggerKey: null }).filter(
              (p) => p.severity === 'error',
            ).length),
        ),
      ),
    );
  }
  if (problems > 0) throw new Error(`the bench's workflows should be valid, ${problems} errors found`);
  if (process.env.SKIP_START) return [{ name: 'v', value: median(ours), unit: 'ms' }];
  const checkedFile = buildCheckedCatalog();
  const runs = {
    checked: [] as { wall: number; cpu: number }[],
    built: [] as { wall: number; cpu: number }[],
    parse: [] as { wall: number; cpu: number }[],
  };
  for (let i = 0; i < 7; i++) for (const what of ['built', 'checked', 'parse'] as const) runs[what].push(coldStart(what, checkedFile));
  const med = (what: keyof typeof runs, of: 'wall' | 'cpu') => median(runs[what].map((r) => r[of]));
  const validation = median(ours);
  const load = (what: 'built' | 'checked', of: 'wall' | 'cpu', label: string): BenchFigure => ({
    name: `catalog + Admin schema load at start, fresh process, ${label} (${of === 'cpu' ? 'CPU' : 'wall'})`,
    value: med(what, of),
    unit: 'ms',
    reference: { name: 'JSON.parse of the same files', value: med('parse', of) },
    target: '≤ 50 ms over reading the files',
    ok: med(what, of) - med('parse', of) <= 50,
    note: 'median of 7 fresh processes, the three alternated',
  });
  return [
    {
      name: 'validate 2,000 real-shaped workflows (paths, enums, lists, For each), Liquid cache cold',
      value: validation,
      unit: 'ms',
      reference: { name: 'zod parse of the same 2,000', value: median(floor) },
      target: '< 1,000 ms',
      ok: validation < 1000,
      note: `median of ${rounds} rounds, alternated with the reference`,
    },
    load('built', 'wall', 'built app (checked at build)'),
    load('built', 'cpu', 'built app (checked at build)'),
    load('checked', 'wall', 'every file checked (from source, or files changed)'),
    load('checked', 'cpu', 'every file checked (from source, or files changed)'),
  ];
}

export async function printValidationBench(): Promise<void> {
  console.log(formatFigures(await runValidationBench()));
}
