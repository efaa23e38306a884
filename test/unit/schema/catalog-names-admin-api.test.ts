import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog.js';
import { loadAdminSchema } from '../../../electron/domain/schema/load-admin-schema.js';

/**
 * Types the workflow environment defines itself because the Admin API has no such object
 * (DATA-MODEL.md §3): what Send HTTP request and Run code give, and the Workflow error trigger's data.
 */
const ENVIRONMENT_TYPES = new Set(['HttpResponse', 'HttpHeader', 'RunCodeOutput', 'WorkflowError']);

describe('the catalog speaks the Admin API', () => {
  const catalog = loadCatalog();
  const schema = loadAdminSchema();

  it('names only Admin API types (or the environment’s own) in provides, needs, output and object references', () => {
    const unknown: string[] = [];
    const check = (where: string, type: string | undefined) => {
      if (type !== undefined && !ENVIRONMENT_TYPES.has(type) && schema.type(type) === undefined) unknown.push(`${where}: ${type}`);
    };
    for (const app of catalog.apps) {
      for (const trigger of app.triggers) {
        trigger.provides.forEach((d, i) => check(`${app.id}:${trigger.handle} provides[${i}]`, d.type));
      }
      for (const action of app.actions) {
        check(`${app.id}:${action.handle} needs`, action.needs?.type);
        check(`${app.id}:${action.handle} output`, action.output?.type);
        action.fields.forEach((f) => check(`${app.id}:${action.handle} fields.${f.key}`, f.objectType));
      }
    }
    expect(unknown).toEqual([]);
  });

  it('names only real Admin API mutations', () => {
    const known = new Set(schema.mutations());
    const unknown = catalog.apps.flatMap((app) =>
      app.actions
        .filter((a) => a.mutation !== undefined && !known.has(a.mutation))
        .map((a) => `${app.id}:${a.handle} mutation ${a.mutation}`),
    );
    expect(unknown).toEqual([]);
  });
});
