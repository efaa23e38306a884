import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync, type UnzipFileInfo } from 'fflate';
import { MAX_FLOW_FILE_BYTES } from './flow-file/import-flow';
import { FlowFileError, issue, type FlowIssue } from './flow-file/flow-issue';

/**
 * Reads the .flow files of a ZIP without trusting it. Sizes the archive declares are checked before
 * anything is inflated, and checked again while inflating, because a ZIP bomb lies about them: inflating
 * stops at the first byte over a limit. Any size problem rejects the whole archive (one lying entry is
 * reason enough to distrust the rest); entries that are not .flow files are skipped and listed.
 */
export interface ZipLimits {
  /** The archive itself. */
  maxZipBytes: number;
  maxEntries: number;
  /** One entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  maxZipBytes: 20 * 1024 * 1024,
  maxEntries: 500,
  maxEntryBytes: MAX_FLOW_FILE_BYTES,
  maxTotalBytes: 100 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  /** The entry's text, or the issue that makes it unreadable (not UTF-8). */
  text: string | null;
  error: FlowIssue | null;
}

export interface ZipContents {
  entries: ZipEntry[];
  /** Entries that are not .flow files (folders, .DS_Store, ...). */
  skipped: string[];
}

const isFolder = (name: string) => name.endsWith('/');
const isFlow = (name: string) =>
  /\.flow$/i.test(name) && !name.split('/').some((part) => part.startsWith('__MACOSX') || part.startsWith('._'));

/** @throws FlowFileError when the archive cannot be read or breaks a limit, naming the entry */
export function readZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): ZipContents {
  if (bytes.length > limits.maxZipBytes) {
    throw new FlowFileError(
      issue('file_too_large', 'error', {}, `the ZIP file is ${bytes.length} bytes; at most ${limits.maxZipBytes} bytes are accepted`),
    );
  }
  const listed: UnzipFileInfo[] = [];
  try {
    // The central directory only: the filter sees every entry and extracts none.
    unzipSync(bytes, { filter: (info) => (listed.push(info), false) });
  } catch (error) {
    throw new FlowFileError(issue('not_a_zip', 'error', {}, `this is not a ZIP file, or it is damaged (${(error as Error).message})`));
  }
  const files = listed.filter((info) => !isFolder(info.name));
  if (files.length > limits.maxEntries) {
    throw new FlowFileError(
      issue('zip_too_many_entries', 'error', {}, `the ZIP has ${files.length} entries; at most ${limits.maxEntries} are accepted`),
    );
  }
  const wanted = new Set<string>();
  let declaredTotal = 0;
  for (const info of files) {
    if (!isFlow(info.name)) continue;
    if (info.compression !== 0 && info.compression !== 8) {
      throw new FlowFileError(
        issue(
          'zip_unsupported_entry',
          'error',
          { path: info.name },
          `the entry is compressed with method ${info.compression}; only stored and deflated entries can be read`,
        ),
      );
    }
    if (info.originalSize > limits.maxEntryBytes) throw entryTooLarge(info.name, info.originalSize, limits);
    declaredTotal += info.originalSize;
    if (declaredTotal > limits.maxTotalBytes) throw totalTooLarge(info.name, limits);
    wanted.add(info.name);
  }
  return { entries: inflate(bytes, wanted, limits), skipped: files.filter((f) => !wanted.has(f.name)).map((f) => f.name) };
}

function inflate(bytes: Uint8Array, wanted: ReadonlySet<string>, limits: ZipLimits): ZipEntry[] {
  const chunks = new Map<string, Uint8Array[]>();
  let total = 0;
  let failure: FlowFileError | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file) => {
    if (!wanted.has(file.name) || chunks.has(file.name) || failure) return;
    const parts: Uint8Array[] = [];
    chunks.set(file.name, parts);
    let size = 0;
    file.ondata = (error, data) => {
      if (failure) return;
      if (error) {
        failure = new FlowFileError(issue('not_a_zip', 'error', { path: file.name }, `the entry cannot be inflated (${error.message})`));
        return;
      }
      size += data.length;
      total += data.length;
      if (size > limits.maxEntryBytes) failure = entryTooLarge(file.name, size, limits, true);
      else if (total > limits.maxTotalBytes) failure = totalTooLarge(file.name, limits);
      if (failure) file.terminate();
      else parts.push(data);
    };
    file.start();
  };
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (!failure) throw new FlowFileError(issue('not_a_zip', 'error', {}, `the ZIP cannot be read (${(error as Error).message})`));
  }
  if (failure) throw failure;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return [...wanted].map((name) => {
    const parts = chunks.get(name);
    if (!parts)
      return { name, text: null, error: issue('not_a_zip', 'error', {}, 'the entry is listed in the ZIP but its data cannot be found') };
    try {
      return { name, text: decoder.decode(Buffer.concat(parts)), error: null };
    } catch {
      return { name, text: null, error: issue('not_utf8', 'error', {}, 'the file is not UTF-8 text') };
    }
  });
}

function entryTooLarge(name: string, size: number, limits: ZipLimits, whileInflating = false): FlowFileError {
  const what = whileInflating
    ? `inflates to more than ${limits.maxEntryBytes} bytes (its header claimed less: a ZIP bomb?)`
    : `is ${size} bytes uncompressed; at most ${limits.maxEntryBytes} are accepted`;
  return new FlowFileError(issue('zip_entry_too_large', 'error', { path: name }, `the entry ${what}; nothing from this ZIP is imported`));
}

function totalTooLarge(name: string, limits: ZipLimits): FlowFileError {
  return new FlowFileError(
    issue(
      'zip_too_large',
      'error',
      { path: name },
      `the entries add up to more than ${limits.maxTotalBytes} bytes uncompressed (reached at this entry); nothing from this ZIP is imported`,
    ),
  );
}
