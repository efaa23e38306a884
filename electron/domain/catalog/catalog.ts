import type { AdminSchema } from '../schema/admin-schema.js';
import type { CatalogAction, CatalogApp, CatalogTrigger, DataObject } from './catalog-schema.js';

/** A trigger or an action of the catalog, with the app it belongs to. */
export type CatalogTask =
  | { readonly kind: 'trigger'; readonly app: CatalogApp; readonly task: CatalogTrigger }
  | { readonly kind: 'action'; readonly app: CatalogApp; readonly task: CatalogAction };

/**
 * The connector catalog: Shopify's own triggers and actions plus every connector app,
 * indexed for O(1) lookups. Immutable (deeply frozen): it is shared by every caller.
 */
export interface Catalog {
  /** Shopify first, then the connector apps by English name. */
  readonly apps: readonly CatalogApp[];
  app(id: string): CatalogApp | undefined;
  trigger(appId: string, handle: string): CatalogTrigger | undefined;
  action(appId: string, handle: string): CatalogAction | undefined;
  /** By the task id used in .flow files, e.g. `shopify::admin::order_created`, or one of its aliases. */
  findTask(taskId: string): CatalogTask | undefined;
  /** The Admin API schema the tasks' data objects are typed by (F2). */
  readonly schema: AdminSchema;
}

/** Thrown when catalog data is unreadable, invalid or inconsistent; each problem names its file. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** One validated app and the file it came from (shown in error messages). */
export interface CatalogSource {
  readonly file: string;
  readonly app: CatalogApp;
}

/** The app id of Shopify's built-in triggers and actions. */
export const SHOPIFY_APP_ID = 'shopify';

/**
 * Checks what a schema cannot see on its own (ids, handles, task ids and field keys unique;
 * constraints naming triggers that exist) and builds the index.
 * @throws CatalogError listing every problem found
 */
export function buildCatalog(sources: readonly CatalogSource[], schema: AdminSchema): Catalog {
  const problems: string[] = [];
  const appsById = new Map<string, CatalogApp>();
  const appFile = new Map<string, string>();
  const triggers = new Map<string, CatalogTrigger>();
  const actions = new Map<string, CatalogAction>();
  const tasks = new Map<string, CatalogTask>();
  const taskFile = new Map<string, string>();

  for (const { file, app } of sources) {
    const firstFile = appFile.get(app.id);
    if (firstFile !== undefined) {
      problems.push(`${file}: id: duplicate app id "${app.id}" (also in ${firstFile})`);
      continue;
    }
    appsById.set(app.id, app);
    appFile.set(app.id, file);

    checkUnique(
      problems,
      file,
      'setup',
      app.setup.map((s) => s.key),
      'setup step key',
    );
    const index = <T extends CatalogTrigger | CatalogAction>(
      kind: 'trigger' | 'action',
      list: readonly T[],
      byHandle: Map<string, T>,
    ): void => {
      const where = kind === 'trigger' ? 'triggers' : 'actions';
      list.forEach((task, i) => {
        const key = taskKey(app.id, task.handle);
        if (byHandle.has(key)) problems.push(`${file}: ${where}[${i}].handle: duplicate ${kind} handle "${task.handle}"`);
        else byHandle.set(key, task);
        checkUnique(
          problems,
          file,
          `${where}[${i}].fields`,
          task.fields.map((f) => f.key),
          'field key',
        );
        const entry: CatalogTask =
          kind === 'trigger' ? { kind, app, task: task as CatalogTrigger } : { kind: 'action', app, task: task as CatalogAction };
        for (const id of [task.taskId, ...task.taskIdAliases]) {
          const other = taskFile.get(id);
          if (other !== undefined) {
            problems.push(`${file}: ${where}[${i}].taskId: duplicate task id "${id}" (also in ${other})`);
            continue;
          }
          taskFile.set(id, file);
          tasks.set(id, entry);
        }
        for (const [at, type] of typesNamedBy(task)) {
          if (!schema.type(type)) problems.push(`${file}: ${where}[${i}].${at}: "${type}" is not a type of the Admin API`);
        }
      });
    };
    index('trigger', app.triggers, triggers);
    index('action', app.actions, actions);
  }

  // A requires_trigger constraint names triggers as `appId:handle`; they must exist.
  for (const { file, app } of sources) {
    app.actions.forEach((action, i) =>
      action.constraints.forEach((constraint, j) =>
        constraint.triggers.forEach((ref, k) => {
          const [appId = '', handle = ''] = ref.split(':');
          if (!triggers.has(taskKey(appId, handle)))
            problems.push(`${file}: actions[${i}].constraints[${j}].triggers[${k}]: unknown trigger "${ref}"`);
        }),
      ),
    );
  }
  if (problems.length > 0) throw new CatalogError(problems);

  const apps = [...appsById.values()].sort(compareApps);
  for (const app of apps) deepFreeze(app);
  for (const task of tasks.values()) Object.freeze(task);
  Object.freeze(apps);

  return Object.freeze({
    apps,
    app: (id: string) => appsById.get(id),
    trigger: (appId: string, handle: string) => triggers.get(taskKey(appId, handle)),
    action: (appId: string, handle: string) => actions.get(taskKey(appId, handle)),
    findTask: (taskId: string) => tasks.get(taskId),
    schema,
  });
}

/** The GraphQL types a task names (the data it gives or needs), with where, for checking against the schema. */
function* typesNamedBy(task: CatalogTrigger | CatalogAction): Generator<[string, string]> {
  const objects = (where: string, list: readonly DataObject[]) => list.map((o, j): [string, string] => [`${where}[${j}].type`, o.type]);
  if ('provides' in task) yield* objects('provides', task.provides);
  if ('runtime' in task) {
    if (task.needs) yield ['needs.type', task.needs.type];
    if (task.output) yield ['output.type', task.output.type];
    for (const [j, field] of task.fields.entries()) if (field.objectType) yield [`fields[${j}].objectType`, field.objectType];
  }
}

/** Shopify first, then by English name (case-insensitive), then by id. */
/** One collator for the sort: localeCompare with options builds a new one on every call (measured: ~15 ms at start). */
const byName = new Intl.Collator('en', { sensitivity: 'base' });
const byId = new Intl.Collator();

function compareApps(a: CatalogApp, b: CatalogApp): number {
  if (a.id === SHOPIFY_APP_ID || b.id === SHOPIFY_APP_ID) return a.id === SHOPIFY_APP_ID ? -1 : 1;
  return byName.compare(a.name.en, b.name.en) || byId.compare(a.id, b.id);
}

/** Handles contain only [a-z0-9_], so a NUL separator cannot collide. */
function taskKey(appId: string, handle: string): string {
  return `${appId}\u0000${handle}`;
}

function checkUnique(problems: string[], file: string, where: string, keys: readonly string[], what: string): void {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key)) problems.push(`${file}: ${where}[${i}].key: duplicate ${what} "${key}"`);
    seen.add(key);
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
