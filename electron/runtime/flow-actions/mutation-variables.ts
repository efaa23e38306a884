import type { ActionField, CatalogAction } from '../../domain/catalog/catalog-schema';

/**
 * What an Admin API mutation of one of Shopify's own actions would be sent with: Add order tags is
 * `tagsAdd(id: "gid://shopify/Order/1", tags: ["vip"])`. Offline nothing is sent; the run records this.
 */
export interface MutationCall {
  mutation: string;
  variables: Record<string, unknown>;
}

export interface MutationInput {
  action: CatalogAction;
  /** The step's rendered inputs as typed properties (actionProperties): tag lists still text. */
  properties: Readonly<Record<string, unknown>>;
  /** The field holding the acted-on object (`needs.field`, else the action's first reference field). */
  objectField: string | null;
  /** The id of the object the action acts on (that field's value, or the object found in the run's data). */
  objectId: string | null;
}

/**
 * Mutations whose arguments are one input object, and that object's argument name. The rest take the
 * object's id and their fields as arguments of their own (tagsAdd(id, tags), collectionAddProducts(id, productIds)).
 */
const inputObjectArgument: Readonly<Record<string, string>> = {
  orderUpdate: 'input',
  orderClose: 'input',
  orderOpen: 'input',
  orderMarkAsPaid: 'input',
  orderCapture: 'input',
  customerUpdate: 'input',
  customerDelete: 'input',
  draftOrderUpdate: 'input',
  companyUpdate: 'input',
  productUpdate: 'product',
  collectionUpdate: 'input',
  urlRedirectCreate: 'urlRedirect',
};

/** Where the object's id goes when it is not `id`. */
const idArgument: Readonly<Record<string, string>> = {
  orderCancel: 'orderId',
  returnCancel: 'returnId',
  orderInvoiceSend: 'id',
};

/** Metafield actions carry one metafield: (ownerId, namespace, key, type, value) as `metafields: [ … ]`. */
function metafieldVariables(mutation: string, fields: Record<string, unknown>, objectId: string | null): Record<string, unknown> {
  let namespace = fields.namespace;
  let key = fields.key;
  // Newer exports pick a metafield definition as `namespace.key` in one field.
  if (typeof fields.metafield === 'string' && (namespace === undefined || key === undefined)) {
    const at = fields.metafield.lastIndexOf('.');
    if (at > 0) [namespace, key] = [fields.metafield.slice(0, at), fields.metafield.slice(at + 1)];
  }
  const identifier: Record<string, unknown> = { ownerId: objectId, namespace, key };
  if (mutation === 'metafieldsDelete') return { metafields: [identifier] };
  const type = fields.valueType ?? fields.type;
  return { metafields: [{ ...identifier, type, value: fields.value === undefined ? undefined : String(fields.value) }] };
}

/** snake_case field keys become the Admin API's camelCase argument names (`product_ids` → `productIds`). */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A tag list as the Admin API takes it: a .flow file writes a JSON array in a string (`["vip","gold"]`);
 * an admin typing tags writes them separated by commas.
 */
export function tagList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((t) => t.trim())
      .filter((t) => t !== '');
  const text = String(value ?? '').trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return tagList(parsed);
    } catch {
      // Not JSON after all: read it as comma-separated text.
    }
  }
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** One field's value as the mutation takes it. */
function argumentValue(field: ActionField | undefined, value: unknown): unknown {
  if (!field) return value;
  if (field.type === 'tag_list' || field.key === 'tags') return tagList(value);
  if (field.type === 'json' && typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * Pure: the mutation and variables one of Shopify's own store-changing actions would send. Generic where
 * the Admin API is regular: the hidden object field becomes `id` (`ownerId` for metafields), tag lists
 * become arrays, other fields keep their names in camelCase; a few mutations take one input object.
 */
export function mutationCall({ action, properties, objectField, objectId }: MutationInput): MutationCall | null {
  const mutation = action.mutation;
  if (!mutation) return null;
  const byKey = new Map(action.fields.map((f) => [f.key, f]));
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key === objectField) continue;
    const field = byKey.get(key);
    // An object reference other than the acted-on object is still an id (a collection to add products to).
    fields[camelCase(key)] = argumentValue(field, value);
  }
  if (mutation === 'metafieldsSet' || mutation === 'metafieldsDelete') {
    return { mutation, variables: metafieldVariables(mutation, fields, objectId) };
  }
  const wrapper = inputObjectArgument[mutation];
  const idName = idArgument[mutation] ?? 'id';
  if (wrapper) {
    const input = objectId === null ? fields : { id: objectId, ...fields };
    return { mutation, variables: { [wrapper]: input } };
  }
  return { mutation, variables: objectId === null ? fields : { [idName]: objectId, ...fields } };
}

/** The call as one line of GraphQL-like text, for people reading a run: `tagsAdd(id: "gid://…", tags: ["vip"])`. */
export function describeCall(call: MutationCall): string {
  const args = Object.entries(call.variables)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
  return `${call.mutation}(${args})`;
}
