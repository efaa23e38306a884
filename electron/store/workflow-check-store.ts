import type { Database, Statement } from 'better-sqlite3';
import type { Catalog } from '../domain/catalog/catalog';
import { checkFingerprint, checkWorkflow } from '../domain/status/workflow-check';
import type { ValidationProblem } from '../domain/workflow/validation-problem';
import { parseStoredDefinition } from '../domain/workflow/stored-definition';

/**
 * The version a workflow's facts (and stored check) describe: the published one, which every store runs unless
 * it has its own (store_versions, read per pair). Never published: the current one, so its errors still show.
 */
export const factsVersion = 'COALESCE(w.published_version, w.current_version)';

const noProblems: ValidationProblem[] = [];
const noApps: string[] = [];

/** A workflow_checks row's two JSON columns as read (a workflow without a stored check reads as none). */
export function checkFromRow(appsUsed: string | null, problems: string | null): { appsUsed: string[]; problems: ValidationProblem[] } {
  return {
    appsUsed: appsUsed === null ? noApps : (JSON.parse(appsUsed) as string[]),
    problems: !problems || problems === '[]' ? noProblems : (JSON.parse(problems) as ValidationProblem[]),
  };
}

function checkToRow(check: { appsUsed: readonly string[]; problems: readonly ValidationProblem[] }): [appsUsed: string, problems: string] {
  return [JSON.stringify(check.appsUsed), JSON.stringify(check.problems)];
}

/**
 * SQL for workflow_checks: each workflow's version validated once (apps used, problems), kept while the
 * version and the catalog are the same. The status facts read them (status-facts-store.ts); changes store them.
 */
export class WorkflowCheckStore {
  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {}

  /** Per `where`: whether any check is stale (workflows and their checks only), then the stale ones with their definitions. */
  private readonly staleQueries = new Map<
    string,
    { any: Statement<[string, string], number>; all: Statement<[string, string], [string, number, string]> }
  >();

  /** The workflows (`where` over workflows w, with one key) whose stored check is missing or stale (a new version, another catalog), checked now. */
  stale(where: string, key: string) {
    const q = this.staleQueries.get(where) ?? this.prepareStale(where);
    const fingerprint = checkFingerprint(this.catalog);
    // Every change (and every cold read) asks this; nearly always nothing is stale, which the first query
    // answers without reading workflow_versions, the table of large definitions (measured 3–10× cheaper).
    if (q.any.get(key, fingerprint) === undefined) return [];
    const stale = q.all.all(key, fingerprint);
    return stale.map(([id, version, definition]) => ({
      id,
      version,
      check: checkWorkflow(parseStoredDefinition(definition, `workflow ${id}`), this.catalog),
    }));
  }

  private prepareStale(where: string) {
    const isStale = `${where} AND (c.workflow_id IS NULL OR c.version <> ${factsVersion} OR c.fingerprint <> ?)`;
    const q = {
      any: this.db
        .prepare<[string, string], number>(
          `SELECT 1 FROM workflows w LEFT JOIN workflow_checks c ON c.workflow_id = w.id WHERE ${isStale} LIMIT 1`,
        )
        .pluck(),
      all: this.db
        .prepare<[string, string], [string, number, string]>(
          `SELECT w.id, ${factsVersion}, v.definition FROM workflows w
             JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = ${factsVersion}
             LEFT JOIN workflow_checks c ON c.workflow_id = w.id
           WHERE ${isStale}`,
        )
        .raw(),
    };
    this.staleQueries.set(where, q);
    return q;
  }

  /** Stores the checks of every workflow whose check is missing or stale; how many it stored. */
  refresh(): number {
    const fingerprint = checkFingerprint(this.catalog);
    const stale = this.stale("'' = ?", '');
    if (stale.length === 0) return 0;
    const upsert = this.db.prepare(
      `INSERT INTO workflow_checks (workflow_id, version, fingerprint, apps_used, problems) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workflow_id) DO UPDATE SET version = excluded.version, fingerprint = excluded.fingerprint,
         apps_used = excluded.apps_used, problems = excluded.problems`,
    );
    this.db.transaction(() => {
      for (const { id, version, check } of stale) upsert.run(id, version, fingerprint, ...checkToRow(check));
    })();
    return stale.length;
  }
}
