import { activationsContract } from '../contract/activations';
import type { Handlers } from '../define-handlers';
import { mutation } from '../mutation';
import { activationsBulk, bulkPreview } from './activation-bulk';
import { lastBulk, undoBulk } from './activation-undo';
import { reenableDeactivated, requireWorkflowsOf, setForWorkflow, setInStore, type StoreBrief } from './activation-changes';
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
    return reenableDeactivated(ctx, organization, stores, workflows);
  }),

  'activations.bulk': activationsBulk,
  'activations.bulkPreview': bulkPreview,
  'activations.lastBulk': lastBulk,
  'activations.undoBulk': undoBulk,
};
