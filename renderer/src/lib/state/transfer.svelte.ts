import { api, type ApiInput, type ApiOutput } from '../api/client';

export type IncomingFile = ApiInput<'transfer.previewImport'>['files'][number];
export type ImportPreview = ApiOutput<'transfer.previewImport'>;
export type ImportResult = ApiOutput<'transfer.import'>;
export type FileReport = ImportPreview['files'][number];

/** Binary to base64 in slices, so a 20 MB ZIP does not overflow the argument list of fromCharCode. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A .flow file travels as its text; anything else (a ZIP of .flow files) as base64. */
export async function readFiles(files: Iterable<File>): Promise<IncomingFile[]> {
  const out: IncomingFile[] = [];
  for (const file of files) {
    if (file.name.toLowerCase().endsWith('.flow')) out.push({ name: file.name, text: await file.text() });
    else out.push({ name: file.name, contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
  }
  return out;
}

/** Offers a file to save, the way a browser downloads one. */
export function download(fileName: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function exportWorkflow(workflowId: string): Promise<string> {
  const file = await api.call('transfer.exportWorkflow', { workflowId });
  download(file.fileName, file.text, 'application/json');
  return file.fileName;
}

export async function exportWorkflows(workflowIds: string[]): Promise<{ fileName: string; count: number }> {
  const zip = await api.call('transfer.exportWorkflows', { workflowIds });
  download(zip.fileName, fromBase64(zip.zipBase64), 'application/zip');
  return { fileName: zip.fileName, count: zip.files.length };
}

export function previewImport(organizationId: string, files: IncomingFile[]): Promise<ImportPreview> {
  return api.call('transfer.previewImport', { organizationId, files });
}

export function importFiles(
  organizationId: string,
  files: IncomingFile[],
  confirmed: { hash: string[]; unknownTasks: string[] },
  importGoodOnly: boolean,
): Promise<ImportResult> {
  return api.call('transfer.import', {
    organizationId,
    files,
    confirmHashMismatch: confirmed.hash,
    confirmUnknownTasks: confirmed.unknownTasks,
    importGoodOnly,
  });
}
