import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * A ZIP of .flow files, one per workflow. Names are made unique (`Name (2).flow`) because two workflows
 * may share a file name once characters file systems refuse are replaced.
 */
export function writeZip(files: readonly { fileName: string; text: string }[], mtime: Date): Uint8Array {
  const used = new Set<string>();
  const entries: Zippable = {};
  for (const file of files) {
    const name = uniqueName(file.fileName, used);
    entries[name] = [strToU8(file.text), { mtime, level: 6 }];
  }
  return zipSync(entries);
}

function uniqueName(fileName: string, used: Set<string>): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  let name = fileName;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
  used.add(name.toLowerCase());
  return name;
}
