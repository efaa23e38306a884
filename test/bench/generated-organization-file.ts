import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface GeneratedOrganizationFile {
  organizationId: string;
  activations: number;
  installations: number;
  ms: number;
}

/**
 * Writes the generated organization (scripts/generate-organization.ts) into `file`, in a process of its own so
 * its garbage does not count toward the measuring process's memory. `schema`: the schema version to write
 * (e.g. 2, so each side upgrades its own copy); the current one when left out.
 */
export function generateOrganizationFile(file: string, schema?: number): GeneratedOrganizationFile {
  const script = path.join(__dirname, '..', '..', 'scripts', 'generate-organization.ts');
  const args = ['--import', 'tsx', script, file, ...(schema === undefined ? [] : ['--schema', String(schema)])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`the generator failed (${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as GeneratedOrganizationFile;
}
