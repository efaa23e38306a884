import type { Database } from 'better-sqlite3';
import type { Catalog } from '../domain/catalog/catalog';
import { checkFingerprint } from '../domain/status/workflow-check';

/**
 * Organization overviews by status stamp: in memory while nothing changed, and in status_overviews so the next
 * start opens on the last one without deriving it from 2,000,000 pairs. Reads never write: they are written
 * only when asked (`keep`, when the app closes).
 */
export class KeptOverviews {
  private readonly overviews = new Map<string, { stamp: string; overview: unknown; kept: boolean }>();

  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {}

  /** The overview for the stamp: remembered, else the one kept in the database if still current, else `derive`d. */
  get<T>(organizationId: string, stamp: string, derive: () => T): T {
    const known = this.overviews.get(organizationId);
    if (known?.stamp === stamp) return known.overview as T;
    const kept = this.keptOverview<T>(organizationId, stamp);
    const overview = kept ?? derive();
    this.overviews.set(organizationId, { stamp, overview, kept: kept !== null });
    return overview;
  }

  private keptOverview<T>(organizationId: string, stamp: string): T | null {
    const row = this.db
      .prepare<[string], [string, string, string]>(`SELECT stamp, fingerprint, overview FROM status_overviews WHERE organization_id = ?`)
      .raw()
      .get(organizationId);
    if (!row || row[0] !== stamp || row[1] !== checkFingerprint(this.catalog)) return null;
    return JSON.parse(row[2]) as T;
  }

  /**
   * Writes the overviews derived since the last call that are still current, so the next start opens on
   * them. Called explicitly (when the app closes), never by a read. Returns how many were written.
   */
  keep(stamp: string): number {
    const upsert = this.db.prepare(
      `INSERT INTO status_overviews (organization_id, stamp, fingerprint, overview) VALUES (?, ?, ?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET stamp = excluded.stamp, fingerprint = excluded.fingerprint, overview = excluded.overview`,
    );
    const fresh = [...this.overviews].filter(([, o]) => !o.kept && o.stamp === stamp);
    if (fresh.length === 0) return 0;
    this.db.transaction(() => {
      for (const [organizationId, o] of fresh) {
        upsert.run(organizationId, stamp, checkFingerprint(this.catalog), JSON.stringify(o.overview));
        o.kept = true;
      }
    })();
    return fresh.length;
  }
}
