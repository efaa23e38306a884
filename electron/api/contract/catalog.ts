import { z } from 'zod';
import { catalogApp } from '../../domain/catalog/catalog-schema';
import { noInput } from './common';
import { method } from './define-method';

/** The compact Admin API field model as resources/admin-schema.json holds it (see electron/domain/schema/admin-schema-file.ts). */
const compactType = z.object({
  kind: z.enum(['OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'SCALAR']),
  fields: z
    .record(z.string(), z.string())
    .optional()
    .describe('Field name → GraphQL type ref (`String!`, `[LineItem]!`); connections are lists of their node type.'),
  deprecated: z.array(z.string()).optional().describe('Fields the API marks deprecated: valid in a path, offered after the others.'),
  values: z.array(z.string()).optional().describe('Enum values.'),
  possibleTypes: z.array(z.string()).optional().describe('Union and interface members.'),
});

export const adminSchemaFile = z.object({
  source: z.object({ package: z.string(), version: z.string(), file: z.string(), sha256: z.string(), licence: z.string() }),
  apiVersion: z.string(),
  mutations: z.array(z.string()),
  types: z.record(z.string(), compactType),
});

export const catalogContract = {
  'catalog.get': method({
    summary: "The connector catalog: Shopify's own and every app's triggers, actions, fields and setup steps, in Norwegian and English.",
    input: noInput,
    output: z.object({ apps: z.array(catalogApp) }),
  }),
  'catalog.schema': method({
    summary:
      "The Shopify Admin API field model workflows' data is typed by (about 300 KB, load once): types, fields, enum values, deprecated fields, mutation names. The editor walks it to pick condition fields and Liquid variables.",
    input: noInput,
    output: adminSchemaFile,
  }),
};
