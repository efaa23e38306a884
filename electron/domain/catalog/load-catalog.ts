import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { catalogApp, type CatalogApp } from './catalog-schema.js';
import { withFlowTypes } from '../environment/data-type.js';
import { loadAdminSchema } from '../schema/load-admin-schema.js';
import { buildCatalog, CatalogError, SHOPIFY_APP_ID, type Catalog, type CatalogSource } from './catalog.js';
import { catalogFingerprint, CHECKED_CATALOG_FILE, readCheckedCatalog, type CatalogFileText } from './checked-catalog.js';

export { CatalogError, type Catalog, type CatalogTask } from './catalog.js';

/**
 * Names the app's resources directory (the one holding `catalog/`), for packaged builds
 * where the repository layout does not exist, e.g. `process.resourcesPath` + `/resources`.
 */
export const RESOURCES_ENV = 'FLOW_ADMIN_RESOURCES';

const SHOPIFY_FILE = 'shopify.json';
const APPS_DIR = 'apps';
const cache = new Map<string, Catalog>();

/** Where the build writes the checked catalog: beside this file, compiled (build/electron/domain/catalog/). */
export function defaultCheckedCatalogFile(): string {
  return path.join(typeof __dirname === 'string' ? __dirname : process.cwd(), CHECKED_CATALOG_FILE);
}

/**
 * Loads, validates and indexes the connector catalog: `<dir>/shopify.json` and every
 * `<dir>/apps/*.json` (one app per file, named after its id). Cached per directory.
 * @param dir the catalog directory; by default `$FLOW_ADMIN_RESOURCES/catalog`, else
 *   `resources/catalog` of the repository this file belongs to
 * @param checkedFile the build's checked catalog (checked-catalog.ts): taken when it holds these very
 *   files, else the files are checked here
 * @throws CatalogError naming each bad file and the path inside it
 */
export function loadCatalog(dir: string = defaultCatalogDir(), checkedFile: string = defaultCheckedCatalogFile()): Catalog {
  const key = path.resolve(dir);
  let catalog = cache.get(key);
  if (catalog === undefined) {
    const files = readCatalogFiles(key);
    const sources = readCheckedCatalog(checkedFile, catalogFingerprint(files)) ?? checkCatalogFiles(key, files);
    catalog = buildCatalog(sources, withFlowTypes(loadAdminSchema()));
    cache.set(key, catalog);
  }
  return catalog;
}

/**
 * The catalog's files, checked with the schema, as the build writes them (scripts/write-checked-catalog.ts).
 * @throws CatalogError naming each bad file and the path inside it
 */
export function checkedCatalogSources(dir: string = defaultCatalogDir()): { fingerprint: string; sources: CatalogSource[] } {
  const key = path.resolve(dir);
  const files = readCatalogFiles(key);
  return { fingerprint: catalogFingerprint(files), sources: checkCatalogFiles(key, files) };
}

/** Forgets loaded catalogs (tests, or after the data on disk changed). */
export function clearCatalogCache(): void {
  cache.clear();
}

/** Where the catalog is when no directory is given; see {@link loadCatalog}. */
export function defaultCatalogDir(): string {
  const fromEnv = process.env[RESOURCES_ENV];
  if (fromEnv) return path.resolve(fromEnv, 'catalog');
  // From source (vitest, tsx) this file is electron/domain/catalog/; compiled it is
  // build/electron/domain/catalog/. Walk up to the directory holding resources/catalog.
  const starts = typeof __dirname === 'string' ? [__dirname, process.cwd()] : [process.cwd()];
  for (const start of starts) {
    for (let d = path.resolve(start); ; d = path.dirname(d)) {
      const candidate = path.join(d, 'resources', 'catalog');
      if (isDirectory(candidate)) return candidate;
      if (path.dirname(d) === d) break;
    }
  }
  throw new CatalogError([`resources/catalog not found above ${starts.join(' or ')}; set ${RESOURCES_ENV} to the resources directory`]);
}

/** Every catalog file's text, shopify.json first, then apps/ by name; a file that cannot be read is a CatalogError. */
function readCatalogFiles(dir: string): CatalogFileText[] {
  const problems: string[] = [];
  const files: CatalogFileText[] = [];
  const read = (name: string): void => {
    const file = path.join(dir, name);
    try {
      files.push({ name, text: fs.readFileSync(file, 'utf8') });
    } catch (error) {
      problems.push(`${displayPath(file)}: ${errorMessage(error)}`);
    }
  };
  read(SHOPIFY_FILE);
  const appsDir = path.join(dir, APPS_DIR);
  try {
    const names = fs.readdirSync(appsDir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    for (const name of names.sort()) read(`${APPS_DIR}/${name}`);
  } catch (error) {
    problems.push(`${displayPath(appsDir)}: ${errorMessage(error)}`);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return files;
}

/** Each file parsed and checked with the schema, and its place (shopify.json holds the built-in app). */
function checkCatalogFiles(dir: string, files: readonly CatalogFileText[]): CatalogSource[] {
  const problems: string[] = [];
  const sources: CatalogSource[] = [];
  for (const { name, text } of files) {
    const file = path.join(dir, name);
    const result = parseAppFile(displayPath(file), text);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const app = result.app;
    const base = path.basename(name);
    const problem =
      name === SHOPIFY_FILE
        ? app.id !== SHOPIFY_APP_ID
          ? `id: must be "${SHOPIFY_APP_ID}"`
          : !app.builtIn
            ? 'builtIn: must be true'
            : undefined
        : `${app.id}.json` !== base
          ? `id: "${app.id}" does not match the file name ${base}`
          : app.builtIn
            ? 'builtIn: only shopify.json holds built-in tasks'
            : undefined;
    if (problem !== undefined) problems.push(`${displayPath(file)}: ${problem}`);
    else sources.push({ file: displayPath(file), app });
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return sources;
}

type ReadResult = { ok: true; app: CatalogApp } | { ok: false; problems: string[] };

function parseAppFile(shown: string, text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${shown}: ${errorMessage(error)}`] };
  }
  const parsed = catalogApp.safeParse(data);
  if (parsed.success) return { ok: true, app: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${shown}: ${formatIssue(issue)}`) };
}

/** `actions[0].fields[1].type: Invalid option: ...` */
export function formatIssue(issue: z.core.$ZodIssue): string {
  let where = '';
  for (const key of issue.path) {
    if (typeof key === 'number') where += `[${key}]`;
    else where += where === '' ? String(key) : `.${String(key)}`;
  }
  return `${where || '(root)'}: ${issue.message}`;
}

/** Relative to the working directory when inside it (`resources/catalog/apps/slack.json`), else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'file not found' : error.message;
  }
  return String(error);
}
