import { api, ApiError, type ApiOutput } from '../api/client';
import { t } from '../i18n/i18n.svelte';

export type TestEventOutcome =
  | { ok: true; result: ApiOutput<'runtime.sendTestEvent'> }
  /** `payload`: what is wrong with the payload, one line per problem (shown at the payload field); `form`: anything else. */
  | { ok: false; payload: string[]; form: string };

/** The payload as typed: a JSON object, or what keeps it from being one. */
export function parsePayload(text: string): { ok: true; payload: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (e) {
    return { ok: false, error: t('runs.test.payloadInvalid', { detail: (e as Error).message }) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: t('runs.test.payloadObject') };
  return { ok: true, payload: value as Record<string, unknown> };
}

/**
 * Sends a test trigger event to a store, as if the app had sent it. The API checks the payload against the
 * trigger's fields or data objects; its issues name the field (`payload.order.customer.email`) and are all shown at the payload.
 */
export async function sendTestEvent(
  storeId: string,
  trigger: { app: string; handle: string },
  payloadText: string,
): Promise<TestEventOutcome> {
  const parsed = parsePayload(payloadText);
  if (!parsed.ok) return { ok: false, payload: [parsed.error], form: '' };
  try {
    return { ok: true, result: await api.call('runtime.sendTestEvent', { storeId, trigger, payload: parsed.payload }) };
  } catch (e) {
    if (!(e instanceof ApiError)) return { ok: false, payload: [], form: e instanceof Error ? e.message : String(e) };
    const issues = e.details.issues;
    const payloadIssues = (issues ?? []).filter(
      (i) => i.path === 'payload' || i.path.startsWith('payload.') || i.path.startsWith('payload['),
    );
    if (payloadIssues.length > 0)
      return {
        ok: false,
        payload: payloadIssues.map((i) => `${i.path.replace(/^payload\.?/, '') || t('runs.test.payloadWhole')}: ${i.message}`),
        form: '',
      };
    return { ok: false, payload: [], form: e.message };
  }
}

/** A trigger's sample payload (each field with a plausible value), as editable JSON. */
export async function samplePayloadText(trigger: { app: string; handle: string }): Promise<string> {
  const sample = await api.call('runtime.samplePayload', trigger);
  return JSON.stringify(sample.payload, null, 2);
}
