/**
 * `npm run build:electron` runs this after compiling: it checks the catalog with its schema once and writes
 * the result beside the compiled loader (build/electron/domain/catalog/checked-catalog.json), which the
 * app takes at start when the catalog files are the same bytes (see electron/domain/catalog/checked-catalog.ts).
 * A catalog that does not pass the check fails the build, naming each bad file.
 */
import path from 'node:path';
import { checkedCatalogSources } from '../electron/domain/catalog/load-catalog';
import { CHECKED_CATALOG_FILE, writeCheckedCatalog } from '../electron/domain/catalog/checked-catalog';

const out = path.resolve(process.argv[2] ?? path.join('build', 'electron', 'domain', 'catalog', CHECKED_CATALOG_FILE));
const { fingerprint, sources } = checkedCatalogSources();
writeCheckedCatalog(out, fingerprint, sources);
console.log(`checked ${sources.length} catalog files → ${path.relative(process.cwd(), out)}`);
