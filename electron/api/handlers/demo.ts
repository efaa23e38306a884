import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import { contract, type ApiInput, type ApiOutput } from '../contract';
import type { demoContract, demoProgress } from '../contract/demo';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import { planLargeOrganization, slugOf } from '../../domain/organization/demo-organization';
import { demoScenario } from '../../domain/organization/demo-scenario';
import { uniqueName } from '../../domain/organization/names';
import { DemoOrganizationWriter } from '../../store/demo-organization-writer';
import { mutation, mutationStep } from '../mutation';
import { activationsHandlers } from './activations';
import { appsHandlers } from './apps';
import { connectionsHandlers } from './connections';
import { organizationsHandlers } from './organizations';
import { storesHandlers } from './stores';
import { workflowsHandlers } from './workflows';

/** The handlers the scenario goes through: the same ones the UI's changes use. */
const through = {
  ...organizationsHandlers,
  ...storesHandlers,
  ...appsHandlers,
  ...connectionsHandlers,
  ...workflowsHandlers,
  ...activationsHandlers,
};
type Through = keyof typeof through;

/** One handler call with its input checked by the contract, as the dispatcher would; sync handlers only. */
function call<M extends Through>(ctx: HandlerContext, method: M, input: ApiInput<M>): ApiOutput<M> {
  const parsed = contract[method].input.parse(input);
  return (through[method] as (input: unknown, ctx: HandlerContext) => ApiOutput<M>)(parsed, ctx);
}

/** The first free "name", "name (2)", … among the organizations. */
function freeName(ctx: HandlerContext, name: string): string {
  return uniqueName(
    name,
    ctx.organizations.list().map((o) => o.name),
  );
}

type Progress = z.infer<typeof demoProgress>;
const idle: Progress = { building: false, name: null, phase: 'done', workflowsDone: 0, workflowsTotal: 0 };
/** Per open database: the large demo being built (one at a time), for demo.progress. */
const building = new WeakMap<HandlerContext, Progress>();

/** Workflows per transaction: small enough that the window answers between chunks. */
const chunkSize = 100;

function presentOrganization(ctx: HandlerContext, id: string) {
  const row = ctx.organizations.get(id)!;
  const contents = ctx.organizations.contents(id);
  return { ...row, storeCount: contents.stores, workflowCount: contents.workflows };
}

/**
 * The seed's scenario in one transaction, built through the UI's own handlers: each records its own audit
 * entries (the organization created, the stores added, …), so this adds none of its own.
 */
const openScenario = mutation('organization.created', (_input: unknown, ctx: HandlerContext) => {
  const s = demoScenario;
  const organization = call(ctx, 'organizations.create', { name: freeName(ctx, s.name) });
  // Addresses are unique across organizations: a second demo gets addresses of its own.
  const prefix = slugOf(organization.name.replace(/\(demo\)/, 'demo'));
  const stores = new Map<string, string>();
  for (const store of s.stores) {
    const added = call(ctx, 'stores.add', {
      organizationId: organization.id,
      name: store.name,
      domain: `${prefix}-${store.key}.myshopify.com`,
      timeZone: store.timeZone,
    });
    stores.set(store.key, added.id);
  }
  const ids = (keys: readonly string[]) => keys.map((k) => stores.get(k)!);
  for (const install of s.installs) {
    call(ctx, 'apps.install', { appId: install.appId, storeIds: ids(install.stores), setupComplete: install.setUp });
    for (const step of install.stepsDone ?? []) {
      for (const storeId of ids(install.stores)) call(ctx, 'apps.setSetupStep', { storeId, appId: install.appId, step, done: true });
    }
  }
  for (const c of s.connections)
    call(ctx, 'connections.set', { storeId: stores.get(c.store)!, appId: c.appId, account: c.account, secret: c.secret });
  for (const w of s.workflows) {
    const created = call(ctx, 'workflows.create', {
      organizationId: organization.id,
      name: w.name,
      description: w.description,
      definition: w.definition,
    });
    const storeIds = w.enabledIn === 'all' ? 'all' : ids(w.enabledIn);
    if (storeIds === 'all' || storeIds.length > 0) call(ctx, 'activations.set', { workflowId: created.id, storeIds, enabled: true });
  }
  return { value: presentOrganization(ctx, organization.id), audit: null };
});

/** What the large demo's first step writes and records. */
interface LargeDemo {
  plan: ReturnType<typeof planLargeOrganization>;
  writer: DemoOrganizationWriter;
  name: string;
  stores: number;
  workflows: number;
  seed: number;
}

/** The large demo's organization, stores, installations and connections, recorded as its creation. */
const writeLargeOrganization = mutation('organization.created', (demo: LargeDemo, ctx: HandlerContext) => {
  const { plan, writer, name, stores, workflows, seed } = demo;
  const rows = writer.writeOrganization(plan, (plain, context) => ctx.secrets.seal(plain, context));
  return {
    value: undefined,
    audit: {
      organizationId: plan.organization.id,
      summary: `Created the demo organization "${name}" with ${stores} stores (${rows.installations} installations, ${rows.connections} connections)`,
      after: { name, stores, workflows, seed },
    },
  };
});

export const demoHandlers: Handlers<typeof demoContract> = {
  'demo.openScenario': openScenario,

  'demo.openLarge': async ({ stores, workflows, seed }, ctx) => {
    if (building.get(ctx)?.building)
      throw new DomainError('refused', `The demo organization "${building.get(ctx)!.name}" is still being built`, { reason: 'busy' });
    const name = freeName(ctx, `Demo: ${stores} stores × ${workflows} workflows`);
    const plan = planLargeOrganization(ctx.catalog, { seed, name, stores, workflows, now: ctx.now() });
    const progress: Progress = { building: true, name, phase: 'stores', workflowsDone: 0, workflowsTotal: workflows };
    building.set(ctx, progress);
    const writer = new DemoOrganizationWriter(ctx.db);
    const organizationId = plan.organization.id;
    let activations = 0;
    try {
      writeLargeOrganization({ plan, writer, name, stores, workflows, seed }, ctx);
      // The workflows in chunks, each its own transaction: the window answers between them.
      progress.phase = 'workflows';
      for (const chunk of plan.workflowChunks(chunkSize)) {
        // Lets other API calls (demo.progress, the window's reads) in between chunks.
        await nextTurn();
        activations += mutationStep(ctx, () => writer.writeWorkflows(organizationId, chunk, plan.at));
        progress.workflowsDone += chunk.length;
      }
      progress.phase = 'done';
      return { ...presentOrganization(ctx, organizationId), activations };
    } catch (error) {
      // Nothing half-built stays behind: the organization goes with everything written so far.
      if (ctx.organizations.get(organizationId)) mutationStep(ctx, () => ctx.organizations.delete(organizationId));
      throw error;
    } finally {
      building.set(ctx, { ...progress, building: false });
    }
  },

  'demo.progress': (_input, ctx) => building.get(ctx) ?? idle,
};
