import { catalogContract } from '../contract/catalog';
import type { Handlers } from '../define-handlers';

export const catalogHandlers: Handlers<typeof catalogContract> = {
  'catalog.get': (_input, ctx) => ({ apps: [...ctx.catalog.apps] }),
};
