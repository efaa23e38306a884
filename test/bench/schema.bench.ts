/**
 * What the Admin API field model (resources/admin-schema.json) costs: its size, loading it at start
 * in a fresh process (read + parse + check + index), loading it again in a warm one, and a "did you
 * mean" on Order's 150 fields. Each load figure stands beside plain JSON.parse of the same file,
 * measured the same way in the same run (the floor any JSON file of this size pays).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { clearAdminSchemaCache, defaultAdminSchemaFile, loadAdminSchema } from '../../electron/domain/schema/load-admin-schema';
import { medianMs } from './bench-table';
import { formatFigures, type BenchFigure } from './runtime.bench';

const LOADER = require.resolve('../../electron/domain/schema/load-admin-schema');

interface ColdRun {
  wallMs: number;
  cpuMs: number;
}

/**
 * One fresh Node process: imports the loader (not timed), then times either loadAdminSchema() or
 * JSON.parse of the file alone. Wall time suffers when other work shares the cores; CPU time less so.
 */
function coldRun(what: 'load' | 'parse'): ColdRun {
  const script = `
    const fs = require('node:fs');
    const { loadAdminSchema, defaultAdminSchemaFile } = require(${JSON.stringify(LOADER)});
    const file = defaultAdminSchemaFile();
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const wall0 = performance.now(), cpu0 = cpu();
    ${what === 'load' ? 'loadAdminSchema(file);' : "JSON.parse(fs.readFileSync(file, 'utf8'));"}
    console.log(JSON.stringify({ wallMs: performance.now() - wall0, cpuMs: cpu() - cpu0 }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ColdRun;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function coldFigures(runs: number): BenchFigure[] {
  const load: ColdRun[] = [];
  const parse: ColdRun[] = [];
  for (let i = 0; i < runs; i++) {
    load.push(coldRun('load'));
    parse.push(coldRun('parse'));
  }
  const figure = (key: keyof ColdRun, name: string, withTarget: boolean): BenchFigure => {
    const value = medianOf(load.map((r) => r[key]));
    return {
      name,
      value,
      unit: 'ms',
      reference: { name: 'JSON.parse alone', value: medianOf(parse.map((r) => r[key])) },
      ...(withTarget ? { target: '< 50 ms (start budget)', ok: value < 50 } : {}),
      note: `median of ${runs} fresh processes`,
    };
  };
  // The target is on CPU time: wall time on a shared machine measures the neighbours too.
  return [
    figure('cpuMs', 'schema load at start, fresh process (CPU)', true),
    figure('wallMs', 'schema load at start, fresh process (wall)', false),
  ];
}

export async function runSchemaBench(options: { coldRuns?: number } = {}): Promise<BenchFigure[]> {
  const file = defaultAdminSchemaFile();
  const bytes = fs.readFileSync(file);
  const schema = loadAdminSchema(file);
  const typeCount = Object.keys((JSON.parse(bytes.toString('utf8')) as { types: object }).types).length;
  const figures: BenchFigure[] = [
    {
      name: 'resources/admin-schema.json size',
      value: bytes.length / 1024,
      unit: 'KB',
      target: '< 1,500 KB',
      ok: bytes.length < 1_500_000,
      note: `${typeCount} types, Admin API ${schema.apiVersion}; ${Math.round(zlib.gzipSync(bytes).length / 1024)} KB gzipped`,
    },
    ...coldFigures(options.coldRuns ?? 5),
  ];

  const reload = await medianMs(() => loadAdminSchema(file), { before: clearAdminSchemaCache, iterations: 15, warmup: 3 });
  const parse = await medianMs(() => JSON.parse(fs.readFileSync(file, 'utf8')), { iterations: 15, warmup: 3 });
  figures.push({
    name: 'schema load again, cache cleared (warm process)',
    value: reload,
    unit: 'ms',
    reference: { name: 'JSON.parse alone', value: parse },
    target: '≤ 3× JSON.parse',
    ok: reload <= 3 * parse,
  });

  const suggestMs = await medianMs(
    () => {
      for (let i = 0; i < 100; i++) schema.suggest('Order', 'totalPrise');
    },
    { iterations: 15 },
  );
  figures.push({
    name: 'did you mean: a misspelt field of Order (151 fields)',
    value: (suggestMs / 100) * 1000,
    unit: 'µs',
    target: '< 1,000 µs',
    ok: suggestMs / 100 < 1,
    note: `suggest('Order', 'totalPrise') → ${schema.suggest('Order', 'totalPrise').join(', ')}`,
  });
  return figures;
}

/** For `npm run bench`: measures and prints the table. */
export async function printSchemaBench(): Promise<void> {
  console.log(formatFigures(await runSchemaBench()));
}

if (require.main === module) {
  printSchemaBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
