import { z } from 'zod';

/** A text in both languages of the product: Norwegian (Bokmål) as the source document writes it, and English. */
export const localizedText = z.object({ nb: z.string().min(1), en: z.string().min(1) }).strict().meta({ id: 'LocalizedText' });
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
]);
export type FieldType = z.infer<typeof fieldType>;

const handle = z.string().regex(/^[a-z0-9_]+$/, 'a handle is lower-case letters, digits and _');

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
    taskId: z.string().regex(/^[a-z0-9_-]+::[a-z0-9_-]+::[a-z0-9_]+$/),
    name: localizedText,
    description: localizedText,
    sourceText: sourceText.optional(),
    fields: z.array(payloadField),
    schedule: triggerSchedule.optional(),
    /** Shown in old workflows, not offered for new ones. */
    deprecated: z.boolean().default(false),
  })
  .strict();
export type CatalogTrigger = z.infer<typeof catalogTrigger>;

/** A rule an action imposes on the workflow it is used in. */
export const actionConstraint = z.discriminatedUnion('kind', [
  /** The action may only be used in a workflow started by one of these triggers (`app:handle`). */
  z
    .object({ kind: z.literal('requires_trigger'), triggers: z.array(z.string()).min(1), reason: localizedText })
    .strict(),
]);
export type ActionConstraint = z.infer<typeof actionConstraint>;

export const catalogAction = z
  .object({
    handle,
    taskId: z.string().regex(/^[a-z0-9_-]+::[a-z0-9_-]+::[a-z0-9_]+$/),
    name: localizedText,
    description: localizedText,
    sourceText: sourceText.optional(),
    fields: z.array(actionField),
    constraints: z.array(actionConstraint).default([]),
    /** Only available to stores in the app's early-access programme. */
    earlyAccess: z.boolean().default(false),
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
