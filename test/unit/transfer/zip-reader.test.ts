import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FlowFileError, type FlowIssue } from '../../../electron/transfer/flow-file/flow-issue';
import { defaultZipLimits, readZip, type ZipLimits } from '../../../electron/transfer/zip-reader';
import { writeZip } from '../../../electron/transfer/zip-writer';

const small: ZipLimits = { maxZipBytes: 64 * 1024, maxEntries: 5, maxEntryBytes: 4096, maxTotalBytes: 10_000 };

function refusal(bytes: Uint8Array, limits: ZipLimits = small): FlowIssue {
  try {
    readZip(bytes, limits);
  } catch (error) {
    if (error instanceof FlowFileError) return error.issue;
    throw error;
  }
  throw new Error('expected the ZIP to be refused');
}

/** Makes the archive claim `size` bytes uncompressed for `entry`, in both its local and central headers. */
function lieAboutSize(zip: Uint8Array, entry: string, size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < bytes.length - 46; i++) {
    const signature = view.getUint32(i, true);
    const local = signature === 0x04034b50;
    if (!local && signature !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + (local ? 26 : 28), true);
    const nameAt = i + (local ? 30 : 46);
    if (Buffer.from(bytes.subarray(nameAt, nameAt + nameLength)).toString() === entry) view.setUint32(i + (local ? 22 : 24), size, true);
  }
  return bytes;
}

describe('reading a ZIP of .flow files', () => {
  it('reads the .flow entries, in folders too, and lists what it skipped', () => {
    const zip = zipSync({
      'a.flow': strToU8('{"root":1}'),
      'more/b.FLOW': strToU8('b'),
      'readme.txt': strToU8('hi'),
      '__MACOSX/._a.flow': strToU8('x'),
      'folder/': new Uint8Array(),
    });
    const contents = readZip(zip, small);
    expect(contents.entries).toEqual([
      { name: 'a.flow', text: '{"root":1}', error: null },
      { name: 'more/b.FLOW', text: 'b', error: null },
    ]);
    expect(contents.skipped).toEqual(['readme.txt', '__MACOSX/._a.flow']);
  });

  it('reads stored (uncompressed) entries and what zip-writer writes, with unique names', () => {
    const stored = zipSync({ 'a.flow': [strToU8('stored'), { level: 0 }] });
    expect(readZip(stored, small).entries[0]!.text).toBe('stored');
    const written = writeZip(
      [
        { fileName: 'Same.flow', text: 'one' },
        { fileName: 'same.flow', text: 'two' },
      ],
      new Date('2025-01-02T03:04:05Z'),
    );
    expect(readZip(written, small).entries.map((e) => [e.name, e.text])).toEqual([
      ['Same.flow', 'one'],
      ['same (2).flow', 'two'],
    ]);
  });

  it('marks an entry that is not UTF-8, without refusing the others', () => {
    const zip = zipSync({ 'good.flow': strToU8('ok'), 'latin1.flow': new Uint8Array([0x7b, 0xe6, 0xf8, 0x7d]) });
    expect(readZip(zip, small).entries).toEqual([
      { name: 'good.flow', text: 'ok', error: null },
      { name: 'latin1.flow', text: null, error: expect.objectContaining({ code: 'not_utf8', message: 'the file is not UTF-8 text' }) },
    ]);
  });

  it('refuses what is not a ZIP', () => {
    expect(refusal(strToU8('PK but not really a zip file'))).toMatchObject({ code: 'not_a_zip' });
  });

  it('refuses an archive larger than allowed before reading it', () => {
    expect(refusal(new Uint8Array(small.maxZipBytes + 1))).toMatchObject({
      code: 'file_too_large',
      message: `the ZIP file is ${small.maxZipBytes + 1} bytes; at most ${small.maxZipBytes} bytes are accepted`,
    });
  });

  it('refuses too many entries', () => {
    const entries = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`w${i}.flow`, strToU8('x')]));
    expect(refusal(zipSync(entries))).toMatchObject({
      code: 'zip_too_many_entries',
      message: 'the ZIP has 6 entries; at most 5 are accepted',
    });
  });

  it('refuses an entry that says it is too large, naming it, before inflating anything', () => {
    const zip = zipSync({ 'ok.flow': strToU8('x'), 'huge.flow': new Uint8Array(5000).fill(32) });
    expect(refusal(zip)).toMatchObject({
      code: 'zip_entry_too_large',
      at: { path: 'huge.flow' },
      message: 'huge.flow: the entry is 5000 bytes uncompressed; at most 4096 are accepted; nothing from this ZIP is imported',
    });
  });

  it('refuses entries that together are too large', () => {
    const entries = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`w${i}.flow`, new Uint8Array(4000).fill(32)]));
    expect(refusal(zipSync(entries))).toMatchObject({ code: 'zip_too_large', at: { path: 'w2.flow' } });
  });

  it('stops a ZIP bomb that lies about its sizes while inflating it', () => {
    // 8 MB of spaces compress to a few KB; the headers claim 100 bytes.
    const bomb = lieAboutSize(
      zipSync({ 'small.flow': strToU8('x'), 'bomb.flow': new Uint8Array(8 * 1024 * 1024).fill(32) }),
      'bomb.flow',
      100,
    );
    expect(bomb.length).toBeLessThan(defaultZipLimits.maxZipBytes);
    const found = refusal(bomb, defaultZipLimits);
    expect(found).toMatchObject({ code: 'zip_entry_too_large', at: { path: 'bomb.flow' } });
    expect(found.message).toBe(
      `bomb.flow: the entry inflates to more than ${defaultZipLimits.maxEntryBytes} bytes (its header claimed less: a ZIP bomb?); nothing from this ZIP is imported`,
    );
  });

  it('stops many small lying entries that add up, while inflating them', () => {
    const entries = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`w${i}.flow`, new Uint8Array(3000).fill(32)]));
    let zip: Uint8Array = zipSync(entries);
    for (let i = 0; i < 4; i++) zip = lieAboutSize(zip, `w${i}.flow`, 10);
    expect(refusal(zip)).toMatchObject({ code: 'zip_too_large', at: { path: 'w3.flow' } });
  });
});
