import fs from 'node:fs';
import path from 'node:path';
import { RESOURCES_ENV } from '../catalog/load-catalog.js';
import type { AdminSchemaFile } from './admin-schema-file.js';
import { createAdminSchema, type AdminSchema } from './admin-schema.js';
import { checkAdminSchemaFile } from './check-admin-schema-file.js';

export type { AdminSchema, SchemaField, SchemaType, ValueKind } from './admin-schema.js';

export const ADMIN_SCHEMA_FILE = 'admin-schema.json';

/** The schema file is missing, unreadable or damaged; `file` names it, `message` says what is wrong. */
export class AdminSchemaError extends Error {
  override readonly name = 'AdminSchemaError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
  }
}

const cache = new Map<string, AdminSchema>();
const files = new Map<string, AdminSchemaFile>();

/**
 * Loads, checks and wraps the Admin API field model. Cached per file.
 * @param file by default `$FLOW_ADMIN_RESOURCES/admin-schema.json`, else `resources/admin-schema.json`
 *   of the repository this file belongs to (the same search as the catalog's)
 * @throws AdminSchemaError naming the file and what is wrong in it
 */
export function loadAdminSchema(file: string = defaultAdminSchemaFile()): AdminSchema {
  const key = path.resolve(file);
  let schema = cache.get(key);
  if (schema === undefined) {
    schema = createAdminSchema(loadAdminSchemaFile(key));
    cache.set(key, schema);
  }
  return schema;
}

/**
 * The checked compact file itself, for the renderer: it builds its own AdminSchema from it with the
 * same pure createAdminSchema, so the editor walks exactly the types validation checks against.
 * Cached per file, like the schema.
 */
export function loadAdminSchemaFile(file: string = defaultAdminSchemaFile()): AdminSchemaFile {
  const key = path.resolve(file);
  let data = files.get(key);
  if (data === undefined) {
    data = readAdminSchemaFile(key);
    files.set(key, data);
  }
  return data;
}

/** Forgets loaded schemas (tests, benchmarks, or after the file on disk changed). */
export function clearAdminSchemaCache(): void {
  cache.clear();
  files.clear();
}

/** Where the schema is when no file is given; see {@link loadAdminSchema}. */
export function defaultAdminSchemaFile(): string {
  const fromEnv = process.env[RESOURCES_ENV];
  if (fromEnv) return path.resolve(fromEnv, ADMIN_SCHEMA_FILE);
  // From source this file is electron/domain/schema/; compiled, build/electron/domain/schema/;
  // packaged, inside app.asar. Walk up to the directory holding resources/admin-schema.json.
  const starts = typeof __dirname === 'string' ? [__dirname, process.cwd()] : [process.cwd()];
  for (const start of starts) {
    for (let d = path.resolve(start); ; d = path.dirname(d)) {
      const candidate = path.join(d, 'resources', ADMIN_SCHEMA_FILE);
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(d) === d) break;
    }
  }
  throw new AdminSchemaError(`resources/${ADMIN_SCHEMA_FILE}`, [
    `not found above ${starts.join(' or ')}; set ${RESOURCES_ENV} to the resources directory`,
  ]);
}

function readAdminSchemaFile(file: string): AdminSchemaFile {
  const shown = displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'file not found' : error instanceof Error ? error.message : String(error);
    throw new AdminSchemaError(shown, [`${what} (npm run catalog:schema writes it)`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const what = error instanceof Error ? error.message : String(error);
    throw new AdminSchemaError(shown, [`not valid JSON: ${what} (npm run catalog:schema writes it again)`]);
  }
  const problems = checkAdminSchemaFile(data);
  if (problems.length > 0) throw new AdminSchemaError(shown, problems);
  return data as AdminSchemaFile;
}

/** Relative to the working directory when inside it (`resources/admin-schema.json`), else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
