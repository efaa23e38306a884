import { z } from 'zod';
import { noInput } from './common';
import { method } from './define-method';
import { organization } from './organizations';

/** Big enough to see the app at scale, small enough to build in a minute on a laptop. */
export const demoLimits = { stores: 2000, workflows: 5000 } as const;

export const demoProgress = z.object({
  /** True while a large demo organization is being written. */
  building: z.boolean(),
  /** The organization's name while building, else null. */
  name: z.string().nullable(),
  phase: z.enum(['stores', 'workflows', 'done']),
  workflowsDone: z.number().int(),
  workflowsTotal: z.number().int(),
});

export const demoContract = {
  'demo.openScenario': method({
    summary:
      "Creates the demo organization of the source document: four stores, LoyaltyLion installed and set up in two, half set up in one, missing in one; Klaviyo and Slack; five workflows, running, blocked for each kind of reason, and one invalid. Built through the same handlers as the UI's changes, recorded in the audit log, in one transaction.",
    input: noInput,
    output: organization,
  }),
  'demo.openLarge': method({
    summary:
      'Creates a large demo organization of the chosen size (stores × workflows), deterministic for a seed: the organization and stores in one transaction, then the workflows in chunks (demo.progress says how far). If it fails, the half-built organization is removed.',
    input: z
      .object({
        stores: z
          .number()
          .int()
          .min(1, { message: 'must be at least 1' })
          .max(demoLimits.stores, { message: `must be at most ${demoLimits.stores}` }),
        workflows: z
          .number()
          .int()
          .min(0, { message: 'must not be negative' })
          .max(demoLimits.workflows, { message: `must be at most ${demoLimits.workflows}` }),
        seed: z.number().int().min(0).default(1),
      })
      .strict(),
    output: organization.extend({ activations: z.number().int() }),
  }),
  'demo.progress': method({
    summary: 'How far the large demo organization being built has come.',
    input: noInput,
    output: demoProgress,
  }),
};
