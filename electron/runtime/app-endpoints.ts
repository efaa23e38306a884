import type { SecretBox } from '../security/secret-box';
import type { AppEndpointStore } from '../store/app-endpoint-store';
import { newSigningSecret } from './signature';

export interface ResolvedEndpoint {
  url: string;
  secret: string;
}

const context = (storeId: string, appId: string) => `app-endpoint:${storeId}:${appId}`;

/**
 * Each installation's endpoint and signing secret. The secret is sealed at rest and opened once per
 * process into a small cache, since every delivery and every trigger needs it.
 */
export class AppEndpoints {
  private readonly cache = new Map<string, ResolvedEndpoint | null>();
  private seenGeneration = -1;

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
      this.seenGeneration = generation;
    }
    const key = `${storeId}\u0000${appId}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const row = this.store.get(storeId, appId);
    const resolved = row ? { url: row.url, secret: this.secrets.open(row.secretEncrypted, context(storeId, appId)) } : null;
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
  }
}
