import { z } from 'zod';
import { localizedText } from '../../domain/catalog/catalog-schema';
import { displayName, id, isoTime } from './common';
import { method } from './define-method';
import { appId } from './apps';

/** Never carries the secret: only that there is one. */
export const connection = z.object({
  storeId: id,
  appId: z.string(),
  name: localizedText,
  connected: z.boolean(),
  account: z.string().nullable(),
  hasSecret: z.boolean(),
  updatedAt: isoTime.nullable(),
});

export const connectionsContract = {
  'connections.list': method({
    summary: 'The connections Flow keeps in a store for Asana, Google Sheets, Slack and Trello (R7), without their secrets.',
    input: z.object({ storeId: id }).strict(),
    output: z.object({ storeId: id, flowInstalled: z.boolean(), connections: z.array(connection) }),
  }),
  'connections.set': method({
    summary:
      "Creates or changes a store's connection (account and secret; the secret is encrypted at rest and never returned). Refused where the Flow app is not installed (R7).",
    input: z
      .object({
        storeId: id,
        appId,
        account: displayName,
        secret: z.string().min(1, { message: 'must not be empty' }).max(8192, { message: 'must be at most 8192 characters' }),
      })
      .strict(),
    output: connection,
  }),
  'connections.remove': method({
    summary: "Removes a store's connection. Refused where the Flow app is not installed (R7).",
    input: z.object({ storeId: id, appId }).strict(),
    output: connection,
  }),
};
