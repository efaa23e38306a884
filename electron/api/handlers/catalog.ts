import type { z } from 'zod';
import { loadAdminSchemaFile } from '../../domain/schema/load-admin-schema';
import { catalogContract, type adminSchemaFile } from '../contract/catalog';
import type { Handlers } from '../define-handlers';

export const catalogHandlers: Handlers<typeof catalogContract> = {
  'catalog.get': (_input, ctx) => ({ apps: [...ctx.catalog.apps] }),
  // The checked file as loaded for validation; its readonly arrays are only read by the transport.
  'catalog.schema': () => loadAdminSchemaFile() as unknown as z.input<typeof adminSchemaFile>,
};
