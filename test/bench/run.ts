/**
 * `npm run bench`: runs every benchmark module below in turn, each printing its own table.
 * `npm run bench -- organization` runs only the modules whose names are given.
 * To add a benchmark, add one entry to `benchModules`.
 */
import { printCanvasBench } from './canvas.bench';
import { printIntakeBench } from './intake.bench';
import { printMatrixBench } from './matrix.bench';
import { runOrganizationBench } from './organization.bench';
import { printConditionBench, printRuntimeBench } from './runtime.bench';
import { printSchedulerBench } from './scheduler.bench';
import { printSchemaBench } from './schema.bench';
import { printStartBench } from './start.bench';
import { printThreadBench } from './thread.bench';
import { printValidationBench } from './validation.bench';

interface BenchModule {
  name: string;
  run(): Promise<void>;
}

const benchModules: BenchModule[] = [
  { name: 'canvas', run: printCanvasBench },
  { name: 'conditions', run: printConditionBench },
  { name: 'intake', run: () => printIntakeBench({ events: Number(process.env.INTAKE_EVENTS ?? 3_000) }) },
  { name: 'matrix', run: printMatrixBench },
  { name: 'organization', run: runOrganizationBench },
  { name: 'runtime', run: printRuntimeBench },
  { name: 'scheduler', run: () => printSchedulerBench() },
  { name: 'schema', run: printSchemaBench },
  { name: 'start', run: printStartBench },
  { name: 'thread', run: () => printThreadBench() },
  { name: 'validation', run: printValidationBench },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benchModules.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${benchModules.map((m) => m.name).join(', ')}`);
  for (const bench of benchModules) {
    if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
    console.log(`\n== ${bench.name} ==`);
    await bench.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
