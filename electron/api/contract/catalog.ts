import { z } from 'zod';
import { catalogApp } from '../../domain/catalog/catalog-schema';
import { noInput } from './common';
import { method } from './define-method';

export const catalogContract = {
  'catalog.get': method({
    summary: "The connector catalog: Shopify's own and every app's triggers, actions, fields and setup steps, in Norwegian and English.",
    input: noInput,
    output: z.object({ apps: z.array(catalogApp) }),
  }),
};
