import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESOURCES_ENV } from '../../../electron/domain/catalog/load-catalog.js';
import {
  AdminSchemaError,
  clearAdminSchemaCache,
  defaultAdminSchemaFile,
  loadAdminSchema,
} from '../../../electron/domain/schema/load-admin-schema.js';

const REPO_FILE = path.resolve(__dirname, '../../../resources/admin-schema.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-schema-'));

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  clearAdminSchemaCache();
});

/** A copy of the real file with `edit` applied to its parsed data (or its text replaced). */
function copyWith(name: string, edit: (data: any) => void): string {
  const file = path.join(tmp, name);
  const data = JSON.parse(fs.readFileSync(REPO_FILE, 'utf8'));
  edit(data);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

function loadError(file: string): AdminSchemaError {
  try {
    loadAdminSchema(file);
  } catch (error) {
    expect(error).toBeInstanceOf(AdminSchemaError);
    return error as AdminSchemaError;
  }
  throw new Error(`${file} loaded`);
}

describe('loading the Admin API schema', () => {
  it('finds resources/admin-schema.json from the source tree, or from FLOW_ADMIN_RESOURCES', () => {
    expect(defaultAdminSchemaFile()).toBe(REPO_FILE);
    const saved = process.env[RESOURCES_ENV];
    try {
      process.env[RESOURCES_ENV] = path.join(tmp, 'packaged');
      expect(defaultAdminSchemaFile()).toBe(path.join(tmp, 'packaged', 'admin-schema.json'));
    } finally {
      if (saved === undefined) delete process.env[RESOURCES_ENV];
      else process.env[RESOURCES_ENV] = saved;
    }
  });

  it('loads the file once and hands out the same schema after', () => {
    clearAdminSchemaCache();
    const first = loadAdminSchema();
    expect(loadAdminSchema()).toBe(first);
    expect(loadAdminSchema(REPO_FILE)).toBe(first);
  });

  it('names the missing file and how to make it', () => {
    const missing = path.join(tmp, 'nowhere', 'admin-schema.json');
    const error = loadError(missing);
    expect(error.message).toBe(`${missing}: file not found (npm run catalog:schema writes it)`);
  });

  it('names a file that is not JSON', () => {
    const file = path.join(tmp, 'truncated.json');
    fs.writeFileSync(file, fs.readFileSync(REPO_FILE, 'utf8').slice(0, 5000));
    expect(loadError(file).message).toMatch(new RegExp(`^${escape(file)}: not valid JSON: `));
  });

  it('names the file and the place inside it when the data is damaged', () => {
    const file = copyWith('damaged.json', (data) => {
      data.types.Order.fields.name = 'Strin g!';
      data.types.Order.fields.customer = 'Client';
      data.types.ProductStatus.kind = 'ENUMERATION';
      delete data.apiVersion;
    });
    const error = loadError(file);
    expect(error.file).toBe(file);
    expect(error.problems).toEqual([
      'apiVersion: expected a string',
      'types.Order.fields.customer: type Client is not defined',
      'types.Order.fields.name: expected a type such as "String!" or "[LineItem]!", got "Strin g!"',
      'types.ProductStatus.kind: expected one of OBJECT, INTERFACE, UNION, ENUM, SCALAR',
    ]);
    expect(error.message.split('\n')[0]).toBe(`${file}: apiVersion: expected a string`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the packaged app', () => {
  it('ships resources/admin-schema.json inside the app and beside it, as it ships the catalog', () => {
    const config = fs.readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8');
    /** The indented lines under a top-level key of the YAML file. */
    const block = (key: string) => /^(?:[ \t].*\n?|\n)*/.exec(config.split(new RegExp(`^${key}:.*\\n`, 'm'))[1] ?? '')![0];
    expect(block('files')).toMatch(/^\s+- resources\/admin-schema\.json\b/m);
    expect(block('extraResources')).toMatch(/^\s+- from: resources\/admin-schema\.json\n\s+to: admin-schema\.json$/m);
  });
});
