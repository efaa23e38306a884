import type { SecretBox } from '../security/secret-box';
import type { AppEndpointRow, AppEndpointStore } from '../store/app-endpoint-store';
import { newSigningSecret } from './signature';

export interface ResolvedEndpoint {
  url: string;
  secret: string;
}

const context = (storeId: string, appId: string) => `app-endpoint:${storeId}:${appId}`;
const keyOf = (storeId: string, appId: string) => `${storeId}\u0000${appId}`;

/**
 * Each installation's endpoint and signing secret. The secret is sealed at rest and opened once per
 * process into a small cache, since every delivery and every trigger needs it.
 */
export class AppEndpoints {
  /** What each (store, app) resolves to while the routing generation stands. */
  private readonly cache = new Map<string, ResolvedEndpoint | null>();
  private seenGeneration = -1;
  /** Every endpoint row, read in one pass at the first miss of a generation (one query each was 1.6 % of the worker). */
  private rows: Map<string, AppEndpointRow> | null = null;
  /**
   * Secrets opened so far, with the sealed bytes they came from: kept across generations (a routing change does
   * not change a secret), so what is unchanged is not opened again. Dropped by forget().
   */
  private readonly opened = new Map<string, { row: AppEndpointRow; resolved: ResolvedEndpoint }>();

  constructor(
    private readonly store: AppEndpointStore,
    private readonly secrets: SecretBox,
    /** The routing generation: it moves when installations change (uninstalling removes the endpoint). */
    private readonly generation: () => number,
    /** Told after an endpoint was set here (another thread's cache must drop it). */
    private readonly changed: () => void = () => {},
  ) {}

  /** The routing generation now: a caller resolving many endpoints reads it once and passes it on. */
  currentGeneration(): number {
    return this.generation();
  }

  /** `generation`: the routing generation when the caller just read it (saves reading it again). */
  resolve(storeId: string, appId: string, generation: number = this.generation()): ResolvedEndpoint | null {
    if (generation !== this.seenGeneration) {
      this.cache.clear();
      this.rows = null;
      this.seenGeneration = generation;
    }
    const key = keyOf(storeId, appId);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    this.rows ??= new Map(this.store.all().map((row) => [keyOf(row.storeId, row.appId), row]));
    const row = this.rows.get(key);
    let resolved: ResolvedEndpoint | null = null;
    if (row) {
      const before = this.opened.get(key);
      if (before && before.row.url === row.url && before.row.secretEncrypted.equals(row.secretEncrypted)) resolved = before.resolved;
      else {
        resolved = { url: row.url, secret: this.secrets.open(row.secretEncrypted, context(storeId, appId)) };
        this.opened.set(key, { row, resolved });
      }
    }
    this.cache.set(key, resolved);
    return resolved;
  }

  /**
   * Sets where the app receives its actions. The signing secret is kept unless a new one is asked for (or
   * given); the new secret is returned this once and never shown again.
   */
  set(input: { storeId: string; appId: string; url: string; secret?: string; rotate?: boolean; at: string }): { secret: string | null } {
    const existing = this.store.get(input.storeId, input.appId);
    let plain: string | null = null;
    let sealed: Buffer;
    if (input.secret !== undefined) {
      sealed = this.secrets.seal(input.secret, context(input.storeId, input.appId));
    } else if (!existing || input.rotate) {
      plain = newSigningSecret();
      sealed = this.secrets.seal(plain, context(input.storeId, input.appId));
    } else {
      sealed = existing.secretEncrypted;
    }
    this.store.upsert({ storeId: input.storeId, appId: input.appId, url: input.url, secretEncrypted: sealed, updatedAt: input.at });
    this.forget();
    this.changed();
    return { secret: plain };
  }

  /** Drops opened secrets (after a change, or a rollback the cache cannot see). */
  forget(): void {
    this.cache.clear();
    this.rows = null;
    this.opened.clear();
  }
}
