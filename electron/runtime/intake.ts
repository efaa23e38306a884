import type { Catalog } from '../domain/catalog/catalog';
import { SHOPIFY_APP_ID } from '../domain/catalog/catalog';
import type { AppEndpoints } from './app-endpoints';
import type { GroupCommit } from './group-commit';
import type { Routing } from './routing';
import type { RecordedEvent, Runner } from './runner';
import { signatureMatches } from './signature';
import { checkPayload, MAX_PAYLOAD_BYTES, type PayloadIssue } from './trigger-payload';

export interface Refusal {
  status: 400 | 401 | 403 | 404 | 413 | 422 | 503;
  code: string;
  message: string;
  details?: unknown;
}

export type IntakeResult = { ok: true; value: RecordedEvent } | { ok: false; refusal: Refusal };

export interface IntakeDeps {
  catalog: Catalog;
  routing: Routing;
  endpoints: AppEndpoints;
  runner: Runner;
  commit: GroupCommit;
}

const refuse = (status: Refusal['status'], code: string, message: string, details?: unknown): IntakeResult => ({
  ok: false,
  refusal: details === undefined ? { status, code, message } : { status, code, message, details },
});

/**
 * Trigger events coming in: from an app (signed, over the trigger endpoint) or as a test from the UI.
 * Each is checked in full before anything is written; a refusal says what is wrong and records nothing.
 */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  /** An app's request: `{ store, app, trigger, payload }`, signed with the installation's secret. */
  fromApp(body: Buffer, signature: string | undefined): Promise<IntakeResult> | IntakeResult {
    let envelope: unknown;
    try {
      envelope = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return refuse(400, 'invalid_json', `The body is not valid JSON (${(error as Error).message})`);
    }
    const shape = envelopeProblems(envelope);
    if (shape.length > 0) return refuse(400, 'invalid_request', `The request must be { store, app, trigger, payload }: ${shape.join('; ')}`, { issues: shape });
    const { store: storeRef, app: appId, trigger: handle, payload } = envelope as { store: string; app: string; trigger: string; payload: unknown };

    const snapshot = this.deps.routing.current();
    // By id, or by the myshopify address (what an app knows the store by).
    const store = snapshot.stores.get(storeRef) ?? snapshot.storesByDomain.get(storeRef.trim().toLowerCase());
    if (!store) return refuse(404, 'unknown_store', `There is no store "${storeRef}"`);
    const app = this.deps.catalog.app(appId);
    if (!app) return refuse(404, 'unknown_app', `There is no app "${appId}" in the catalog`);
    if (app.id === SHOPIFY_APP_ID) return refuse(403, 'not_an_app_trigger', "Shopify's own triggers come from Shopify, not from an app");
    const trigger = this.deps.catalog.trigger(appId, handle);
    if (!trigger) return refuse(404, 'unknown_trigger', `${app.name.en} has no trigger "${handle}"`);
    if (!snapshot.installed(store.id, appId)) {
      return refuse(403, 'app_not_installed', `${app.name.en} is not installed in ${store.name}`);
    }
    const endpoint = this.deps.endpoints.resolve(store.id, appId, snapshot.generation);
    if (!endpoint) return refuse(401, 'no_signing_secret', `${app.name.en} has no signing secret in ${store.name} yet: set its endpoint in Flow Admin`);
    if (!signatureMatches(body, endpoint.secret, signature)) {
      return refuse(401, 'bad_signature', 'The X-Flow-Admin-Hmac-Sha256 header is missing or is not the HMAC-SHA256 of the body with the app\'s secret');
    }
    if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES) {
      return refuse(413, 'payload_too_large', `The payload is larger than ${MAX_PAYLOAD_BYTES} bytes`, { maxBytes: MAX_PAYLOAD_BYTES });
    }
    const checked = checkPayload(trigger, payload);
    if (!checked.ok) return payloadRefusal(checked.issues);
    return this.deps.commit
      .run(() => this.deps.runner.record({ storeId: store.id, appId, handle, source: 'app', payload: checked.payload }))
      .then((value): IntakeResult => ({ ok: true, value }));
  }

  /**
   * "Send test event": any trigger, Shopify's included, with a payload checked like an app's. `alsoWrite`
   * runs in the same transaction (the audit entry).
   */
  test(storeId: string, appId: string, handle: string, payload: unknown, alsoWrite?: (recorded: RecordedEvent) => void): Promise<IntakeResult> | IntakeResult {
    const snapshot = this.deps.routing.current();
    const store = snapshot.stores.get(storeId);
    if (!store) return refuse(404, 'not_found', `Store ${storeId} does not exist`);
    const app = this.deps.catalog.app(appId);
    const trigger = this.deps.catalog.trigger(appId, handle);
    if (!app || !trigger) return refuse(404, 'not_found', `There is no trigger ${appId}:${handle} in the catalog`);
    if (!app.builtIn && !snapshot.installed(store.id, appId)) {
      return refuse(403, 'refused', `${app.name.en} is not installed in ${store.name}, so no workflow there can start on its trigger`);
    }
    const checked = checkPayload(trigger, payload);
    if (!checked.ok) return payloadRefusal(checked.issues);
    return this.deps.commit
      .run(() => {
        const recorded = this.deps.runner.record({ storeId: store.id, appId, handle, source: 'test', payload: checked.payload });
        alsoWrite?.(recorded);
        return recorded;
      })
      .then((value): IntakeResult => ({ ok: true, value }));
  }
}

function payloadRefusal(issues: PayloadIssue[]): IntakeResult {
  const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return refuse(422, 'invalid_payload', `The payload does not fit the trigger's fields: ${list}`, { issues });
}

function envelopeProblems(envelope: unknown): string[] {
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) return ['the body must be a JSON object'];
  const e = envelope as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['store', 'app', 'trigger'] as const) {
    if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') problems.push(`${key}: must be text`);
  }
  if (e.payload === null || typeof e.payload !== 'object' || Array.isArray(e.payload)) problems.push('payload: must be an object');
  const extra = Object.keys(e).filter((k) => !['store', 'app', 'trigger', 'payload'].includes(k));
  if (extra.length > 0) problems.push(`unknown keys: ${extra.join(', ')}`);
  return problems;
}
