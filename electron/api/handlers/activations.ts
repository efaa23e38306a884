import { activationsContract } from '../contract/activations';
import type { Handlers } from '../define-handlers';
import { mutation } from '../mutation';
import { activationsBulk, bulkPreview } from './activation-bulk';
import { lastBulk, undoBulk } from './activation-undo';
import { HeldBack, reenableDeactivated, requireWorkflowsOf, setForWorkflow, setInStore, type StoreBrief } from './activation-changes';
import { requireOrganization, requireStore, requireStoresOf, requireWorkflow } from './organization-lookups';

export const activationsHandlers: Handlers<typeof activationsContract> = {
  'activations.set': mutation(['activation.enabled', 'activation.disabled'], ({ workflowId, storeIds, enabled }, ctx) => {
    const workflow = requireWorkflow(ctx, workflowId);
    const stores: StoreBrief[] =
      storeIds === 'all' ? ctx.stores.briefs(workflow.organizationId) : requireStoresOf(ctx, workflow.organizationId, storeIds);
    return setForWorkflow(ctx, workflow, stores, enabled);
  }),

  'activations.setInStore': mutation(['activation.enabled', 'activation.disabled'], ({ storeId, workflowIds, enabled }, ctx) => {
    const store = requireStore(ctx, storeId);
    return setInStore(ctx, store, requireWorkflowsOf(ctx, store.organizationId, workflowIds, 'workflowIds'), enabled);
  }),

  'activations.reenableDeactivated': mutation('activation.reenabled', ({ organizationId, storeIds, workflowIds }, ctx) => {
    const organization = requireOrganization(ctx, organizationId);
    const stores: StoreBrief[] = storeIds ? requireStoresOf(ctx, organizationId, storeIds) : ctx.stores.briefs(organizationId);
    const workflows = workflowIds ? requireWorkflowsOf(ctx, organizationId, workflowIds, 'workflowIds') : undefined;
    // Pairs in stores without the Flow app wait for it (R8, pair-actions.ts): reported, as activations.bulk does.
    const held = new HeldBack();
    const change = reenableDeactivated(ctx, organization, stores, workflows, held);
    return { ...change, value: { ...change.value, skipped: held.list() } };
  }),

  'activations.bulk': activationsBulk,
  'activations.bulkPreview': bulkPreview,
  'activations.lastBulk': lastBulk,
  'activations.undoBulk': undoBulk,
};
