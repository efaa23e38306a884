import type { CatalogTrigger, FieldType } from '../catalog/catalog-schema';
import type { FieldShapes, ValueKind } from './compile-condition';

const kindByType: Record<FieldType, ValueKind> = {
  boolean: 'boolean',
  email: 'text',
  single_line_text_field: 'text',
  multi_line_text_field: 'text',
  number_integer: 'number',
  number_decimal: 'number',
  url: 'text',
  date_time: 'date',
  customer_reference: 'text',
  order_reference: 'text',
  product_reference: 'text',
  object_reference: 'text',
  tag_list: 'text',
  json: 'text',
  javascript: 'text',
  graphql: 'text',
  search_query: 'text',
  http_headers: 'text',
};

export function valueKindOf(type: FieldType): ValueKind {
  return kindByType[type];
}

/** How each field of a trigger's data compares, from the catalog's field types. */
export function fieldShapesOf(trigger: CatalogTrigger | undefined): FieldShapes {
  const shapes: Record<string, { kind: ValueKind; list: boolean }> = {};
  for (const field of trigger?.fields ?? []) shapes[field.key] = { kind: kindByType[field.type], list: field.list };
  return shapes;
}
