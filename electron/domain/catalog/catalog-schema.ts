import { z } from 'zod';

/** A text in both languages of the product: Norwegian (Bokmål) as the source document writes it, and English. */
export const localizedText = z
  .object({ nb: z.string().min(1), en: z.string().min(1) })
  .strict()
  .meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof localizedText>;

/**
 * Shopify's app-extension field types, plus date_time for trigger data.
 * References are sent as customer_id, order_id, product_id.
 */
export const fieldType = z.enum([
  'boolean',
  'email',
  'single_line_text_field',
  'multi_line_text_field',
  'number_integer',
  'number_decimal',
  'url',
  'date_time',
  'customer_reference',
  'order_reference',
  'product_reference',
  /** The id of an Admin API object of `objectType` (Shopify's own actions: the order whose tags are added). */
  'object_reference',
  /** A list of tags; in .flow files a JSON array in a string. */
  'tag_list',
  /** JSON text (Send HTTP request body, Admin API mutation inputs, metafield values of type json). */
  'json',
  /** JavaScript source (Run code). */
  'javascript',
  /** A GraphQL query (Run code's input query). */
  'graphql',
  /** Shopify search syntax (the query of Get … data). */
  'search_query',
  /** Header pairs; in .flow files `[[name, value], ...]` in a string. */
  'http_headers',
]);
export type FieldType = z.infer<typeof fieldType>;

const handle = z.string().regex(/^[a-z0-9_]+$/, 'a handle is lower-case letters, digits and _');

/** A task id as .flow files write it: `publisher::area::name`, some with a fourth part (`shopify::flow::fetch::orders`). */
const taskId = z.string().regex(/^[a-z0-9_-]+::[a-z0-9_-]+::[a-z0-9_]+(?:::[a-z0-9_]+)?$/);

/** A GraphQL Admin API type name: an object (`Order`), an enum (`ProductStatus`) or a scalar (`DateTime`). */
export const graphqlTypeName = z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a GraphQL type name, e.g. Order');

/**
 * A data object in a workflow's environment (F2): a variable (`order`) holding a GraphQL Admin API type
 * (`Order`), or a list of it. Liquid and conditions read paths on it: `{{ order.customer.email }}`.
 */
export const dataObject = z
  .object({
    variable: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a variable is camelCase, e.g. order or getOrderData'),
    type: graphqlTypeName,
    list: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'DataObject' });
export type DataObject = z.infer<typeof dataObject>;

/** One piece of data a trigger carries (what the app sends to Flow). */
export const payloadField = z
  .object({
    key: handle,
    name: localizedText,
    type: fieldType,
    /** A list of values of `type` (e.g. tags, line item ids). */
    list: z.boolean().default(false),
    /** The values the app may send, when the field is one of a fixed set (e.g. a status). */
    choices: z.array(z.string()).optional(),
  })
  .strict();
export type PayloadField = z.infer<typeof payloadField>;

/** One input of an action (what Flow sends to the app). */
export const actionField = z
  .object({
    key: handle,
    name: localizedText,
    type: fieldType,
    required: z.boolean(),
    /** Extra format a text value must follow, beyond its type. */
    format: z.enum(['e164']).optional(),
    /** Allowed values, when the field is a choice. */
    choices: z.array(z.string()).optional(),
    description: localizedText.optional(),
    /** With type object_reference: the GraphQL type of the object (`Order`). */
    objectType: graphqlTypeName.optional(),
    /** Set by Flow from the workflow's data (the order of Add order tags), not typed by the admin. */
    hidden: z.boolean().optional(),
    /** What the field holds when the admin leaves it as it is (Send HTTP request: `POST`). */
    default: z.string().optional(),
  })
  .strict();
export type ActionField = z.infer<typeof actionField>;

/** When a scheduled trigger fires, in the store's time zone. */
export const triggerSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), at: z.string().regex(/^\d\d:\d\d$/) }).strict(),
  z
    .object({
      kind: z.literal('birthday'),
      at: z.string().regex(/^\d\d:\d\d$/),
      daysBefore: z.number().int().min(0),
    })
    .strict(),
]);
export type TriggerSchedule = z.infer<typeof triggerSchedule>;

/** The source document's own words, kept where the catalog corrects them (cut-off or duplicated text). */
export const sourceText = z.object({ name: z.string(), description: z.string() }).strict();

export const catalogTrigger = z
  .object({
    handle,
    /** The task id used in Shopify .flow files, `publisher::area::name`. */
    taskId,
    /** Other task ids that name this trigger in files (older exports, other tools); import accepts them. */
    taskIdAliases: z.array(taskId).default([]),
    name: localizedText,
    description: localizedText,
    sourceText: sourceText.optional(),
    /** What a connector app sends (R1). Shopify's own triggers give data objects instead (`provides`). */
    fields: z.array(payloadField),
    /** The data objects the trigger gives the workflow (F2): Order created gives `order: Order`. */
    provides: z.array(dataObject).default([]),
    schedule: triggerSchedule.optional(),
    /** Shown in old workflows, not offered for new ones. */
    deprecated: z.boolean().default(false),
  })
  .strict();
export type CatalogTrigger = z.infer<typeof catalogTrigger>;

/** A rule an action imposes on the workflow it is used in. */
export const actionConstraint = z.discriminatedUnion('kind', [
  /** The action may only be used in a workflow started by one of these triggers (`app:handle`). */
  z.object({ kind: z.literal('requires_trigger'), triggers: z.array(z.string()).min(1), reason: localizedText }).strict(),
]);
export type ActionConstraint = z.infer<typeof actionConstraint>;

/**
 * What running the action does. `deliver`: Flow POSTs it to the connector app (R1). The rest are Shopify's own
 * tasks: `admin_mutation` changes the store through an Admin API mutation (recorded, not sent, offline);
 * `get_data` queries the Admin API; `count` / `sum` reduce a list; `http_request` sends a request;
 * `run_code` runs JavaScript; `log_output` writes to the run; `internal_email` and `alert` send mail;
 * `admin_api_request` sends the admin's chosen mutation; `foreach` and `wait` are steps of their own.
 */
export const actionRuntime = z.enum([
  'deliver',
  'admin_mutation',
  'get_data',
  'count',
  'sum',
  'http_request',
  'run_code',
  'log_output',
  'internal_email',
  'alert',
  'admin_api_request',
  'foreach',
  'wait',
]);
export type ActionRuntime = z.infer<typeof actionRuntime>;

export const catalogAction = z
  .object({
    handle,
    taskId,
    taskIdAliases: z.array(taskId).default([]),
    name: localizedText,
    description: localizedText,
    sourceText: sourceText.optional(),
    fields: z.array(actionField),
    constraints: z.array(actionConstraint).default([]),
    /** Only available to stores in the app's early-access programme. */
    earlyAccess: z.boolean().default(false),
    runtime: actionRuntime.default('deliver'),
    /**
     * F3: the data object the action acts on (Add order tags needs an `Order`), carried in the hidden
     * field `field` (an object_reference). Without one in the workflow's data it is a "missing data" error.
     */
    needs: z.object({ type: graphqlTypeName, field: handle }).strict().optional(),
    /** The Admin API mutation it sends (`tagsAdd`); offline it is recorded, not sent. */
    mutation: z
      .string()
      .regex(/^[a-z][A-Za-z0-9]*$/)
      .optional(),
    /** The data the step adds for later steps: Get order data gives `getOrderData: [Order]`. */
    output: dataObject.optional(),
  })
  .strict();
export type CatalogAction = z.infer<typeof catalogAction>;

/** One step of setting an app up in a store (R2). */
export const setupStep = z
  .object({
    key: handle,
    kind: z.enum(['account', 'paid_plan', 'store_details', 'configuration']),
    name: localizedText,
  })
  .strict();
export type SetupStep = z.infer<typeof setupStep>;

export const catalogApp = z
  .object({
    /** Stable id, used in workflows and in the database. */
    id: handle,
    name: localizedText,
    /** Shopify's own triggers and actions: always available, never installed. */
    builtIn: z.boolean().default(false),
    setup: z.array(setupStep),
    /** Flow itself keeps this app's authentication, per store (R7). */
    flowConnection: z.boolean().default(false),
    triggers: z.array(catalogTrigger),
    actions: z.array(catalogAction),
  })
  .strict();
export type CatalogApp = z.infer<typeof catalogApp>;
