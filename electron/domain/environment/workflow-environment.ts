import type { CatalogAction, CatalogTrigger, FieldType, PayloadField } from '../catalog/catalog-schema';
import { withFlowTypes, type AdminSchema, type DataType } from './data-type';
import { resolvePath, type ListStep, type PathResolution } from './resolve-path';

/**
 * The data a step can read (F2): the variables in scope and the schema their paths are checked against.
 * Immutable: a step that adds data (Get order data, a For each's item) makes a new environment.
 */
export class Environment {
  private constructor(
    readonly schema: AdminSchema,
    readonly variables: ReadonlyMap<string, DataType>,
    /** Inside a condition's any / all / none of: the list's item, which paths start from. */
    readonly item: DataType | null = null,
  ) {}

  /** Every workflow has the shop; the rest comes from its trigger. */
  static ofTrigger(trigger: CatalogTrigger | undefined, schema: AdminSchema): Environment {
    const full = withFlowTypes(schema);
    const variables = new Map<string, DataType>([['shop', { type: 'Shop', list: false }]]);
    if (trigger) for (const [name, type] of triggerVariables(trigger)) variables.set(name, type);
    return new Environment(full, variables);
  }

  with(variable: string, type: DataType): Environment {
    return new Environment(this.schema, new Map([...this.variables, [variable, type]]), this.item);
  }

  /** Inside any / all / none of a list: `sku` is the item's field, `item` the item itself (a tag). */
  itemScope(item: DataType): Environment {
    return new Environment(this.schema, this.variables, item);
  }

  /** The environment after an action: its output (Get order data's `getOrderData`) is there for later steps. */
  after(action: CatalogAction | undefined): Environment {
    const output = action?.output;
    return output ? this.with(output.variable, { type: output.type, list: output.list }) : this;
  }

  /** `order.customer.email` in a condition: no stepping into lists (use any / all / none of). */
  resolve(path: string): PathResolution {
    const segments = path.split('.');
    if (!this.item) return resolvePath(this.variables, this.schema, segments, 'none');
    const item = new Map([['item', this.item]]);
    if (segments[0] === 'item') return resolvePath(item, this.schema, segments, 'none');
    const relative = resolvePath(item, this.schema, ['item', ...segments], 'none');
    if (relative.ok || !this.variables.has(segments[0]!))
      return relative.ok ? { ...relative, path } : { ...relative, path, index: relative.index - 1 };
    return resolvePath(this.variables, this.schema, segments, 'none');
  }

  /** Segments as Liquid reads them (`order.lineItems.first.sku`, `order.lineItems[0]`). */
  resolveSegments(segments: readonly (string | number)[], listStep: ListStep = 'liquid'): PathResolution {
    return resolvePath(this.variables, this.schema, segments, listStep);
  }

  /** The variables of a type, innermost first: where F3 finds the order that Add order tags acts on. */
  variablesOfType(type: string): string[] {
    const found: string[] = [];
    for (const [name, data] of this.variables) if (!data.list && data.type === type) found.unshift(name);
    return found;
  }
}

/** What a For each repeats over and the name Flow gives the current item (`lineItemsForeachitem`). */
export function forEachItemVariable(listPath: string): string {
  const last = listPath.split('.').pop() ?? listPath;
  return `${last}Foreachitem`;
}

const scalarOfFieldType: Record<FieldType, string> = {
  boolean: 'Boolean',
  email: 'String',
  single_line_text_field: 'String',
  multi_line_text_field: 'String',
  number_integer: 'Int',
  number_decimal: 'Decimal',
  url: 'URL',
  date_time: 'DateTime',
  customer_reference: 'ID',
  order_reference: 'ID',
  product_reference: 'ID',
  object_reference: 'ID',
  tag_list: 'String',
  json: 'JSON',
  javascript: 'String',
  graphql: 'String',
  search_query: 'String',
  http_headers: 'String',
};

/** A connector's reference field gives the workflow the Admin API object it names, as Flow does. */
const objectOfReference: Partial<Record<FieldType, { variable: string; type: string }>> = {
  order_reference: { variable: 'order', type: 'Order' },
  customer_reference: { variable: 'customer', type: 'Customer' },
  product_reference: { variable: 'product', type: 'Product' },
};

/** A connector trigger's own field (what the app sends) as a value in the environment. */
export function payloadFieldType(field: PayloadField): DataType {
  const base = { type: scalarOfFieldType[field.type], list: field.list };
  return field.choices ? { ...base, choices: field.choices } : base;
}

function* triggerVariables(trigger: CatalogTrigger): Generator<[string, DataType]> {
  for (const field of trigger.fields) {
    yield [field.key, payloadFieldType(field)];
    const object = objectOfReference[field.type];
    if (object && !field.list) yield [object.variable, { type: object.type, list: false }];
  }
  for (const provided of trigger.provides) yield [provided.variable, { type: provided.type, list: provided.list }];
}
