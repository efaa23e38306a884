import { describe, expect, it } from 'vitest';
import { compactSchema, formatAdminSchemaFile, type IntrospectionSchema } from '../../../electron/domain/schema/compact-schema.js';

// A miniature Admin API in introspection form, with each thing the compaction decides about.
const named = (kind: string, name: string) => ({ kind, name, ofType: null });
const nonNull = (ofType: any) => ({ kind: 'NON_NULL', name: null, ofType });
const list = (ofType: any) => ({ kind: 'LIST', name: null, ofType });
const field = (name: string, type: any, args: any[] = [], isDeprecated = false) => ({ name, type, args, isDeprecated });
const arg = (name: string, type: any, defaultValue: string | null = null) => ({ name, type, defaultValue });
const STRING = named('SCALAR', 'String');
const page = [arg('first', named('SCALAR', 'Int')), arg('after', STRING)];

const introspection: IntrospectionSchema = {
  queryType: { name: 'QueryRoot' },
  mutationType: { name: 'Mutation' },
  types: [
    {
      kind: 'OBJECT',
      name: 'QueryRoot',
      fields: [
        field('order', named('OBJECT', 'Order'), [arg('id', nonNull(named('SCALAR', 'ID')))]),
        field('node', named('INTERFACE', 'Node'), [arg('id', nonNull(named('SCALAR', 'ID')))]),
      ],
    },
    {
      kind: 'OBJECT',
      name: 'Mutation',
      fields: [field('tagsAdd', named('OBJECT', 'TagsAddPayload'), [arg('tags', nonNull(list(nonNull(STRING))))])],
    },
    { kind: 'OBJECT', name: 'TagsAddPayload', fields: [field('userErrors', nonNull(list(nonNull(named('OBJECT', 'UserError')))))] },
    { kind: 'OBJECT', name: 'UserError', fields: [field('message', nonNull(STRING))] },
    { kind: 'INPUT_OBJECT', name: 'OrderInput', fields: null },
    {
      kind: 'INTERFACE',
      name: 'Node',
      fields: [field('id', nonNull(named('SCALAR', 'ID')))],
      possibleTypes: [{ name: 'Order' }, { name: 'LineItem' }, { name: 'PrivateThing' }],
    },
    {
      kind: 'OBJECT',
      name: 'Order',
      fields: [
        field('id', nonNull(named('SCALAR', 'ID'))),
        field('name', nonNull(STRING)),
        field('totalPrice', nonNull(named('SCALAR', 'Money')), [], true),
        field('status', named('ENUM', 'OrderStatus')),
        field('tags', nonNull(list(nonNull(STRING)))),
        field('lineItems', nonNull(named('OBJECT', 'LineItemConnection')), page),
        field('metafield', named('OBJECT', 'Metafield'), [arg('namespace', STRING), arg('key', nonNull(STRING))]),
        field('translations', nonNull(list(STRING)), [arg('locale', nonNull(STRING))]),
        field('risk', named('OBJECT', 'Risk'), [arg('level', nonNull(STRING), '"HIGH"')]),
      ],
    },
    {
      kind: 'OBJECT',
      name: 'LineItemConnection',
      fields: [
        field('edges', nonNull(list(nonNull(named('OBJECT', 'LineItemEdge'))))),
        field('nodes', nonNull(list(nonNull(named('OBJECT', 'LineItem'))))),
        field('pageInfo', nonNull(named('OBJECT', 'PageInfo'))),
      ],
    },
    {
      kind: 'OBJECT',
      name: 'LineItemEdge',
      fields: [field('cursor', nonNull(STRING)), field('node', nonNull(named('OBJECT', 'LineItem')))],
    },
    { kind: 'OBJECT', name: 'PageInfo', fields: [field('hasNextPage', nonNull(named('SCALAR', 'Boolean')))] },
    { kind: 'OBJECT', name: 'LineItem', fields: [field('id', nonNull(named('SCALAR', 'ID'))), field('sku', STRING)] },
    { kind: 'OBJECT', name: 'Metafield', fields: [field('value', nonNull(STRING))] },
    { kind: 'OBJECT', name: 'Risk', fields: [field('level', STRING)] },
    { kind: 'ENUM', name: 'OrderStatus', enumValues: [{ name: 'OPEN' }, { name: 'CLOSED' }] },
    ...['ID', 'String', 'Money', 'Boolean', 'Int'].map((name) => ({ kind: 'SCALAR', name })),
  ],
};

describe('compacting the introspection', () => {
  const { types, mutations } = compactSchema(introspection);

  it('flattens a connection to a list of its node type and drops the connection types', () => {
    expect(types.Order?.fields?.lineItems).toBe('[LineItem]!');
    expect(types).not.toHaveProperty('LineItemConnection');
    expect(types).not.toHaveProperty('LineItemEdge');
    expect(types).not.toHaveProperty('PageInfo');
  });

  it('writes field types as GraphQL does, lists and non-null included', () => {
    expect(types.Order?.fields).toMatchObject({ id: 'ID!', name: 'String!', status: 'OrderStatus', tags: '[String]!' });
  });

  it('drops fields with a required argument, except metafield; an argument with a default is not required', () => {
    expect(types.Order?.fields).not.toHaveProperty('translations');
    expect(types.Order?.fields?.metafield).toBe('Metafield');
    expect(types.Order?.fields?.risk).toBe('Risk');
  });

  // Boolean is only reached through PageInfo, which went with the connection.
  it('keeps what QueryRoot reaches, drops mutation payloads and input objects, keeps mutation names', () => {
    expect(Object.keys(types)).toEqual([
      'ID',
      'LineItem',
      'Metafield',
      'Money',
      'Node',
      'Order',
      'OrderStatus',
      'QueryRoot',
      'Risk',
      'String',
    ]);
    expect(mutations).toEqual(['tagsAdd']);
  });

  it('keeps enums’ values, interface members the file defines, and which fields are deprecated', () => {
    expect(types.OrderStatus).toEqual({ kind: 'ENUM', values: ['OPEN', 'CLOSED'] });
    expect(types.Node).toEqual({ kind: 'INTERFACE', fields: { id: 'ID!' }, possibleTypes: ['LineItem', 'Order'] });
    expect(types.Order?.deprecated).toEqual(['totalPrice']);
  });

  it('writes the same text for the same introspection, one type per line', () => {
    const source = { package: 'p', version: '1', file: 'f', sha256: '0'.repeat(64), licence: 'ISC' };
    const text = formatAdminSchemaFile({ source, apiVersion: '2026-07', mutations, types });
    expect(formatAdminSchemaFile({ source, apiVersion: '2026-07', ...compactSchema(introspection) })).toBe(text);
    expect(JSON.parse(text)).toEqual({ source, apiVersion: '2026-07', mutations, types });
    expect(text.split('\n').filter((line) => line.startsWith('"Order": '))).toHaveLength(1);
  });
});
