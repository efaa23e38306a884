import { z } from 'zod';
import { localizedText } from '../../domain/catalog/catalog-schema';
import { id, isoTime } from './common';
import { method } from './define-method';

export const appId = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[a-z0-9_]+$/, { message: 'must be an app id of the catalog, like loyaltylion' });

const storeIds = z.array(id).min(1, { message: 'must list at least one store' }).max(10_000, { message: 'must list at most 10000 stores' });

export const setupProgress = z.object({
  steps: z.array(z.object({ key: z.string(), kind: z.string(), name: localizedText, done: z.boolean() })),
  setUp: z.boolean(),
});

export const installation = z.object({
  storeId: id,
  appId: z.string(),
  installedAt: isoTime,
  setup: setupProgress,
});

const appListEntry = z.object({
  appId: z.string(),
  name: localizedText,
  triggers: z.number().int(),
  actions: z.number().int(),
});

export const appsContract = {
  'apps.lists': method({
    summary:
      "The organization's Installed list (apps installed in at least one store, each with its stores) and Not installed list (R5). Only Installed apps can be used to build workflows.",
    input: z.object({ organizationId: id }).strict(),
    output: z.object({
      installed: z.array(appListEntry.extend({ storeIds: z.array(id), notSetUpStoreIds: z.array(id) })),
      notInstalled: z.array(appListEntry),
    }),
  }),
  'apps.ofStore': method({
    summary: 'Every connector app for one store: installed or not, its setup progress (R2), and its connection where Flow keeps one (R7).',
    input: z.object({ storeId: id }).strict(),
    output: z.array(
      z.object({
        appId: z.string(),
        name: localizedText,
        installed: z.boolean(),
        installedAt: isoTime.nullable(),
        setup: setupProgress,
        usable: z.boolean(),
        flowConnection: z.boolean(),
        connected: z.boolean(),
      }),
    ),
  }),
  'apps.install': method({
    summary:
      'Installs an app in stores, in one transaction. Its setup steps start undone unless setupComplete is true; workflows blocked only by it start running where it is set up (R6).',
    input: z.object({ appId, storeIds, setupComplete: z.boolean().default(false) }).strict(),
    output: z.object({ appId: z.string(), installed: z.array(id), alreadyInstalled: z.array(id) }),
  }),
  'apps.uninstallImpact': method({
    summary: 'What uninstalling an app from stores would affect: the enabled workflows it would block there.',
    input: z.object({ appId, storeIds }).strict(),
    output: z.object({
      appId: z.string(),
      installedIn: z.number().int(),
      workflowsUsingApp: z.number().int(),
      blocksEnabledPairs: z.number().int(),
    }),
  }),
  'apps.uninstall': method({
    summary: 'Uninstalls an app from stores, in one transaction, with its setup progress. Enabled workflows using it become blocked there.',
    input: z.object({ appId, storeIds }).strict(),
    output: z.object({ appId: z.string(), uninstalled: z.array(id), notInstalled: z.array(id), blockedEnabledPairs: z.number().int() }),
  }),
  'apps.setSetupStep': method({
    summary: 'Marks one setup step of an installed app done or undone (R2).',
    input: z
      .object({
        storeId: id,
        appId,
        step: z.string().min(1, { message: 'must not be empty' }).max(64, { message: 'must be at most 64 characters' }),
        done: z.boolean(),
      })
      .strict(),
    output: installation,
  }),
};
