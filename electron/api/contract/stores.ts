import { z } from 'zod';
import { displayName, id, isoTime } from './common';
import { method } from './define-method';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The store's Shopify address; unique across organizations, as in Shopify. */
export const storeDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(100, { message: 'must be at most 100 characters' })
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, { message: 'must be a store address like nordic-goods-oslo.myshopify.com' });

/** Scheduled triggers fire in the store's time zone. */
export const timeZone = z.string().refine(isTimeZone, { message: 'must be a time zone such as Europe/Oslo (IANA name)' });

export const store = z.object({
  id,
  organizationId: id,
  name: z.string(),
  domain: z.string(),
  timeZone: z.string(),
  flowInstalled: z.boolean(),
  /** When the Flow app was last uninstalled from the store (kept after a reinstall), else null. */
  flowUninstalledAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  installedApps: z.number().int(),
  connections: z.number().int(),
});

/** What removing a store takes with it; the UI shows this before asking. */
export const storeRemovalImpact = z.object({
  store,
  installations: z.number().int(),
  connections: z.number().int(),
  activations: z.number().int(),
  enabledWorkflows: z.number().int(),
});

const workflowRef = z.object({ id, name: z.string() });

export const flowUninstallImpact = z.object({
  store,
  /** The workflows enabled in the store: uninstalling the Flow app deactivates them there (R8). */
  deactivates: z.number().int(),
  workflows: z.array(workflowRef),
});

export const storesContract = {
  'stores.list': method({
    summary:
      'The stores of an organization, by name, with how many apps are installed and connections kept in each, and how many of its workflows are in each state there.',
    input: z.object({ organizationId: id }).strict(),
    output: z.array(
      store.extend({
        /** Workflows per state in this store, read off the status grid (the one status rule). */
        workflows: z.object({
          running: z.number().int(),
          off: z.number().int(),
          deactivated: z.number().int(),
          blocked: z.number().int(),
          invalid: z.number().int(),
        }),
      }),
    ),
  }),
  'stores.get': method({ summary: 'One store.', input: z.object({ storeId: id }).strict(), output: store }),
  'stores.add': method({
    summary: 'Adds a store to an organization. Names are unique in the organization; addresses are unique everywhere.',
    input: z
      .object({
        organizationId: id,
        name: displayName,
        domain: storeDomain,
        timeZone: timeZone.default('UTC'),
        /** Whether the store has the Flow app installed (it usually has). */
        flowInstalled: z.boolean().default(true),
      })
      .strict(),
    output: store,
  }),
  'stores.rename': method({
    summary: 'Renames a store.',
    input: z.object({ storeId: id, name: displayName }).strict(),
    output: store,
  }),
  'stores.removalImpact': method({
    summary: 'What removing the store would take with it: its installations, connections and activations.',
    input: z.object({ storeId: id }).strict(),
    output: storeRemovalImpact,
  }),
  'stores.remove': method({
    summary:
      'Removes a store with its installations, connections and activations, in one transaction. Its workflows stay in the organization.',
    input: z.object({ storeId: id }).strict(),
    output: storeRemovalImpact,
  }),
  'stores.flowUninstallImpact': method({
    summary: 'The workflows that uninstalling the Flow app from the store would deactivate there (R8).',
    input: z.object({ storeId: id }).strict(),
    output: flowUninstallImpact,
  }),
  'stores.setFlowApp': method({
    summary:
      'Installs or uninstalls the Flow app in a store. Uninstalling deactivates the workflows enabled there and records when (R8); installing it again does not re-enable them: use activations.reenableDeactivated.',
    input: z.object({ storeId: id, installed: z.boolean() }).strict(),
    output: z.object({ store, deactivated: z.number().int(), workflowIds: z.array(id) }),
  }),
};
