import type { Catalog } from '../domain/catalog/catalog';
import type { ErrorDetails } from '../domain/domain-error';
import { SHOPIFY_APP_ID } from '../domain/catalog/catalog';
import type { AppEndpoints } from './app-endpoints';
import type { GroupCommit } from './group-commit';
import type { Routing } from './routing';
import type { RecordedEvent, Runner } from './runner';
import { randomBytes } from 'node:crypto';
import type { EventIdWindow } from './event-id-window';
import {
  signatureMatches,
  TRIGGER_EVENT_ID_HEADER,
  TRIGGER_SIGNATURE_HEADER,
  TRIGGER_TIMESTAMP_HEADER,
  triggerSigningInput,
} from './signature';
import { checkPayload, MAX_PAYLOAD_BYTES, type DataObjectCheck, type PayloadIssue } from './trigger-payload';

/** How far a trigger's timestamp may be from this computer's clock, and how long its event id is remembered. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DECOY_SECRET = randomBytes(32).toString('base64url');
const UNAUTHORIZED =
  `The request is not signed by an app installed in that store. Send ${TRIGGER_TIMESTAMP_HEADER} (Unix seconds), ` +
  `${TRIGGER_EVENT_ID_HEADER} (1-128 of A-Z a-z 0-9 . _ : -) and ${TRIGGER_SIGNATURE_HEADER}: the base64 HMAC-SHA256 of ` +
  '"<timestamp>.<event id>.<body>" with the signing secret Flow Admin gave the app, and a body { store, app, trigger, payload }';

export interface TriggerHeaders {
  signature: string | undefined;
  timestamp: string | undefined;
  eventId: string | undefined;
}

type StoreRef = { id: string; name: string };
type CatalogApp = NonNullable<ReturnType<Catalog['app']>>;

export interface Refusal {
  status: 400 | 401 | 403 | 404 | 413 | 422 | 503;
  code: string;
  message: string;
  details?: ErrorDetails;
}

export type IntakeResult = { ok: true; value: RecordedEvent } | { ok: false; refusal: Refusal };

export interface IntakeDeps {
  catalog: Catalog;
  routing: Routing;
  endpoints: AppEndpoints;
  runner: Runner;
  commit: GroupCommit;
  /** The app event ids seen in the last two replay windows (see {@link REPLAY_WINDOW_MS}). */
  eventIds: EventIdWindow;
  nowMs: () => number;
  /** Checks Shopify triggers' data objects against the Admin API schema (loaded on first use). */
  objectCheck?: () => DataObjectCheck;
}

const refuse = (status: Refusal['status'], code: string, message: string, details?: ErrorDetails): IntakeResult => ({
  ok: false,
  refusal: details === undefined ? { status, code, message } : { status, code, message, details },
});

/**
 * Trigger events coming in: from an app (signed, over the trigger endpoint) or as a test from the UI.
 * Each is checked in full before anything is written; a refusal says what is wrong and records nothing.
 */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  /**
   * An app's request: `{ store, app, trigger, payload }`, with a timestamp and an event id, signed with the
   * installation's secret. The signature is checked first: until it holds, every failure (not JSON, unknown
   * store or app, not installed, no secret, wrong signature) gets the same 401, so an unsigned request learns
   * nothing about which stores and apps exist. A repeated event id within the window is acknowledged with the
   * first answer and starts no second run.
   */
  fromApp(body: Buffer, headers: TriggerHeaders): Promise<IntakeResult> | IntakeResult {
    const { timestamp, eventId } = headers;
    const parsed = this.signedEnvelope(body, headers);
    if (!parsed.ok) return parsed.result;
    const { store, app, handle, payload } = parsed;
    const nowMs = this.deps.nowMs();
    const sentAt = Number(timestamp) * 1000;
    if (Math.abs(nowMs - sentAt) > REPLAY_WINDOW_MS) {
      return refuse(
        401,
        'stale_timestamp',
        `${TRIGGER_TIMESTAMP_HEADER} is more than ${REPLAY_WINDOW_MS / 60_000} minutes from this computer's clock: send the current time (Unix seconds) with a new signature`,
      );
    }
    if (app.id === SHOPIFY_APP_ID) return refuse(403, 'not_an_app_trigger', "Shopify's own triggers come from Shopify, not from an app");
    const trigger = this.deps.catalog.trigger(app.id, handle);
    if (!trigger) return refuse(404, 'unknown_trigger', `${app.name.en} has no trigger "${handle}"`);
    if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES) {
      return refuse(413, 'payload_too_large', `The payload is larger than ${MAX_PAYLOAD_BYTES} bytes`, { maxBytes: MAX_PAYLOAD_BYTES });
    }
    const checked = checkPayload(trigger, payload, this.deps.objectCheck?.());
    if (!checked.ok) return payloadRefusal(checked.issues);
    const ids = this.deps.eventIds;
    return this.deps.commit
      .run((): RecordedEvent & { duplicate?: true } => {
        // Looked up inside the transaction: the same id twice in one group commit finds the first one's row.
        const first = ids.find(store.id, app.id, eventId!, nowMs);
        if (first !== null) return { eventId: first, runIds: ids.firstRunIds(first), duplicate: true };
        const { recorded, rowid } = this.deps.runner.recordWithRowid({
          storeId: store.id,
          appId: app.id,
          handle,
          source: 'app',
          payload: checked.payload,
          appEventId: eventId!,
        });
        ids.remember(store.id, app.id, eventId!, rowid);
        return recorded;
      })
      .then((value): IntakeResult => ({ ok: true, value }));
  }

  /** Everything before the signature holds; any failure is the one uniform 401 (or 503 when the key cannot be read). */
  private signedEnvelope(
    body: Buffer,
    headers: TriggerHeaders,
  ): { ok: true; store: StoreRef; app: CatalogApp; handle: string; payload: unknown } | { ok: false; result: IntakeResult } {
    const unsigned = { ok: false as const, result: refuse(401, 'unauthorized', UNAUTHORIZED) };
    const { signature, timestamp, eventId } = headers;
    let envelope: unknown;
    try {
      envelope = JSON.parse(body.toString('utf8'));
    } catch {
      envelope = null;
    }
    const wellFormed =
      envelopeProblems(envelope).length === 0 &&
      !!signature &&
      !!timestamp &&
      /^\d{1,12}$/.test(timestamp) &&
      !!eventId &&
      EVENT_ID.test(eventId);
    const e = (wellFormed ? envelope : {}) as { store?: string; app?: string; trigger?: string; payload?: unknown };
    const snapshot = this.deps.routing.currentThisTurn();
    // By id, or by the myshopify address (what an app knows the store by).
    const store =
      e.store === undefined ? undefined : (snapshot.stores.get(e.store) ?? snapshot.storesByDomain.get(e.store.trim().toLowerCase()));
    const app = e.app === undefined ? undefined : this.deps.catalog.app(e.app);
    let secret: string | null = null;
    if (store && app && snapshot.installed(store.id, app.id)) {
      try {
        secret = this.deps.endpoints.resolve(store.id, app.id, snapshot.generation)?.secret ?? null;
      } catch {
        return {
          ok: false,
          result: refuse(
            503,
            'key_unavailable',
            'Flow Admin cannot open signing secrets right now (its key cannot be read): send the trigger again later',
          ),
        };
      }
    }
    // The same HMAC work whether or not a secret was found: the answer's timing does not tell either.
    const input = triggerSigningInput(timestamp ?? '', eventId ?? '', body);
    const matches = signatureMatches(input, secret ?? DECOY_SECRET, signature);
    if (!wellFormed || secret === null || !matches || !store || !app) return unsigned;
    return { ok: true, store, app, handle: e.trigger!, payload: e.payload };
  }

  /**
   * "Send test event": any trigger, Shopify's included, with a payload checked like an app's. `alsoWrite`
   * runs in the same transaction (the audit entry).
   */
  test(
    storeId: string,
    appId: string,
    handle: string,
    payload: unknown,
    alsoWrite?: (recorded: RecordedEvent) => void,
  ): Promise<IntakeResult> | IntakeResult {
    const snapshot = this.deps.routing.current();
    const store = snapshot.stores.get(storeId);
    if (!store) return refuse(404, 'not_found', `Store ${storeId} does not exist`);
    const app = this.deps.catalog.app(appId);
    const trigger = this.deps.catalog.trigger(appId, handle);
    if (!app || !trigger) return refuse(404, 'not_found', `There is no trigger ${appId}:${handle} in the catalog`);
    if (!app.builtIn && !snapshot.installed(store.id, appId)) {
      return refuse(403, 'refused', `${app.name.en} is not installed in ${store.name}, so no workflow there can start on its trigger`);
    }
    const checked = checkPayload(trigger, payload, this.deps.objectCheck?.());
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
  return refuse(422, 'invalid_payload', `The payload does not fit the trigger's data: ${list}`, { issues });
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
