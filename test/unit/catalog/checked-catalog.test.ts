import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCheckedCatalog } from '../../../electron/domain/catalog/checked-catalog';
import {
  checkedCatalogSources,
  CatalogError,
  clearCatalogCache,
  defaultCatalogDir,
  loadCatalog,
} from '../../../electron/domain/catalog/load-catalog';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** A copy of the shipped catalog, and the build's checked file for it. */
function builtCatalog(): { dir: string; checked: string } {
  const root = tempDir();
  const dir = path.join(root, 'catalog');
  fs.cpSync(defaultCatalogDir(), dir, { recursive: true });
  const checked = path.join(root, 'checked-catalog.json');
  const { fingerprint, sources } = checkedCatalogSources(dir);
  writeCheckedCatalog(checked, fingerprint, sources);
  return { dir, checked };
}

describe('the catalog checked at build time', () => {
  it('gives the same catalog as checking the files at start', () => {
    const { dir, checked } = builtCatalog();
    clearCatalogCache();
    const fromBuild = loadCatalog(dir, checked);
    clearCatalogCache();
    const checkedNow = loadCatalog(dir, path.join(tempDir(), 'none.json'));
    clearCatalogCache();
    expect(JSON.parse(JSON.stringify(fromBuild.apps))).toEqual(JSON.parse(JSON.stringify(checkedNow.apps)));
    expect(fromBuild.apps.length).toBeGreaterThan(40);
  });

  it('is not taken for files edited after the build: a bad edit is still refused, naming the file and place', () => {
    const { dir, checked } = builtCatalog();
    const slack = path.join(dir, 'apps', 'slack.json');
    const app = JSON.parse(fs.readFileSync(slack, 'utf8')) as { actions: { fields: { type: string }[] }[] };
    app.actions[0]!.fields[0]!.type = 'colour';
    fs.writeFileSync(slack, JSON.stringify(app));
    clearCatalogCache();
    expect(() => loadCatalog(dir, checked)).toThrow(CatalogError);
    clearCatalogCache();
    expect(() => loadCatalog(dir, checked)).toThrow(/apps\/slack\.json: actions\[0\]\.fields\[0\]\.type/);
    clearCatalogCache();
  });

  it('a damaged checked file is passed over: the files are checked instead', () => {
    const { dir, checked } = builtCatalog();
    fs.writeFileSync(checked, '{"format":1,"fingerprint":');
    clearCatalogCache();
    expect(loadCatalog(dir, checked).app('slack')).toBeDefined();
    clearCatalogCache();
  });
});
