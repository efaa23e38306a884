import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { CatalogSource } from './catalog.js';

/**
 * The catalog as its schema check left it, written by the build (scripts/write-checked-catalog.ts) next to
 * the compiled loader. Checking ~50 catalog files with zod is most of what loading the catalog costs at
 * start (the first parse runs zod and its schemas cold); the files a build ships do not change, so the
 * build checks them once and the app, finding the same bytes (the fingerprint), takes the checked result.
 * Files that differ (edited, another catalog directory, an older build) are checked in full as before, so
 * no catalog that has not passed the check is ever used.
 */
export const CHECKED_CATALOG_FILE = 'checked-catalog.json';

/** Bumped when what is written changes shape, so an older file is not taken. */
const FORMAT = 1;

export interface CatalogFileText {
  /** The file's name within the catalog directory (`shopify.json`, `apps/slack.json`). */
  name: string;
  text: string;
}

interface CheckedCatalog {
  format: number;
  fingerprint: string;
  sources: CatalogSource[];
}

/** SHA-256 over every file's name and bytes, in the order read. */
export function catalogFingerprint(files: readonly CatalogFileText[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\u0000${f.text}\u0000`);
  return hash.digest('hex');
}

/** The checked sources when the file holds these very files; null otherwise (missing, damaged, other files). */
export function readCheckedCatalog(file: string, fingerprint: string): CatalogSource[] | null {
  let checked: CheckedCatalog;
  try {
    checked = JSON.parse(fs.readFileSync(file, 'utf8')) as CheckedCatalog;
  } catch {
    return null; // none written (running from source), or unreadable: check the files instead
  }
  if (checked?.format !== FORMAT || checked.fingerprint !== fingerprint || !Array.isArray(checked.sources)) return null;
  return checked.sources;
}

export function writeCheckedCatalog(file: string, fingerprint: string, sources: readonly CatalogSource[]): void {
  const body: CheckedCatalog = { format: FORMAT, fingerprint, sources: [...sources] };
  fs.writeFileSync(file, JSON.stringify(body));
}
