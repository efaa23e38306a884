import { MAX_FLOW_FILE_BYTES } from './flow-file/import-flow';
import { FlowFileError, issue, type FlowIssue } from './flow-file/flow-issue';
import { defaultZipLimits, readZip, type ZipLimits } from './zip-reader';

/** A file as the UI sends it: a .flow file as text, or any file (a ZIP) as base64. */
export interface IncomingFile {
  name: string;
  text?: string | undefined;
  contentBase64?: string | undefined;
}

/** One .flow file to import: a file the admin chose, or an entry of a ZIP they chose. */
export interface ImportUnit {
  /** How the report names it, and how the admin confirms it: `orders.flow` or `batch.zip/orders.flow`. */
  name: string;
  file: string;
  entry: string | null;
  text: string | null;
  /** Why it cannot be read at all (then text is null). */
  error: FlowIssue | null;
}

export interface ExpandedFiles {
  units: ImportUnit[];
  /** ZIP entries that are not .flow files. */
  skipped: { file: string; entry: string }[];
}

const ZIP_MAGIC = [0x50, 0x4b];

/** Decodes and unpacks what the admin sent, file by file; a bad file never stops the others being read. */
export function expandFiles(files: readonly IncomingFile[], limits: ZipLimits = defaultZipLimits): ExpandedFiles {
  const units: ImportUnit[] = [];
  const skipped: ExpandedFiles['skipped'] = [];
  const fail = (file: string, error: FlowIssue) => units.push({ name: file, file, entry: null, text: null, error });

  for (const file of files) {
    if (file.text !== undefined) {
      units.push({ name: file.name, file: file.name, entry: null, text: file.text, error: null });
      continue;
    }
    const base64 = (file.contentBase64 ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      fail(file.name, issue('not_base64', 'error', {}, 'the content is not valid base64'));
      continue;
    }
    const bytes = Buffer.from(base64, 'base64');
    const isZip = /\.zip$/i.test(file.name) || (bytes[0] === ZIP_MAGIC[0] && bytes[1] === ZIP_MAGIC[1]);
    if (isZip) {
      try {
        const zip = readZip(bytes, limits);
        skipped.push(...zip.skipped.map((entry) => ({ file: file.name, entry })));
        for (const entry of zip.entries)
          units.push({ name: `${file.name}/${entry.name}`, file: file.name, entry: entry.name, text: entry.text, error: entry.error });
      } catch (error) {
        if (!(error instanceof FlowFileError)) throw error;
        fail(file.name, error.issue);
      }
      continue;
    }
    if (bytes.length > MAX_FLOW_FILE_BYTES) {
      fail(
        file.name,
        issue('file_too_large', 'error', {}, `the file is ${bytes.length} bytes; a .flow file may be at most ${MAX_FLOW_FILE_BYTES} bytes`),
      );
      continue;
    }
    try {
      units.push({
        name: file.name,
        file: file.name,
        entry: null,
        text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
        error: null,
      });
    } catch {
      fail(file.name, issue('not_utf8', 'error', {}, 'the file is not UTF-8 text'));
    }
  }
  return { units: uniqueNames(units), skipped };
}

/** The same file chosen twice gets `name (2)`, so confirmations by name stay unambiguous. */
function uniqueNames(units: ImportUnit[]): ImportUnit[] {
  const seen = new Set<string>();
  return units.map((unit) => {
    let name = unit.name;
    for (let n = 2; seen.has(name); n++) name = `${unit.name} (${n})`;
    seen.add(name);
    return { ...unit, name };
  });
}
