import { Worker } from 'node:worker_threads';

/** How much a Run code script may use. */
export interface SandboxLimits {
  /** Wall time for loading and running the script. */
  timeMs: number;
  memoryBytes: number;
  stackBytes: number;
}

export const defaultSandboxLimits: SandboxLimits = { timeMs: 5_000, memoryBytes: 16 * 1024 * 1024, stackBytes: 512 * 1024 };

export type SandboxResult =
  { ok: true; output: unknown; logs: string[]; durationMs: number } | { ok: false; error: string; logs: string[]; durationMs: number };

/** Kept per run: what console.log wrote, cut to a readable amount. */
const MAX_LOG_LINES = 100;
const MAX_LOG_LINE = 1_000;
/** Time for the worker to start and load QuickJS, on top of the script's own limit, before it is stopped from outside. */
const START_GRACE_MS = 2_000;

/**
 * The worker's code. QuickJS (WebAssembly) has no I/O of its own: no fetch, require, import, timers or
 * file system are given to the script; only console, whose lines are kept. The interrupt handler stops a
 * script at its deadline and the memory limit ends an allocation bomb; a script stuck inside one native call
 * (where the interrupt handler is not asked) is stopped from outside by ending the worker.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { getQuickJS, shouldInterruptAfterDeadline } = require(workerData.quickjsPath);
const logs = [];
let started = Date.now();
const done = (result) => parentPort.postMessage({ ...result, logs, durationMs: Date.now() - started });
function describe(error) {
  const e = error && typeof error === 'object' ? error : { message: String(error) };
  const message = String(e.message ?? e);
  if (message === 'interrupted') return { limit: 'time' };
  if (message === 'out of memory' || message === 'string too long' || message === 'invalid array length') return { limit: 'memory' };
  if (message === 'stack overflow') return { limit: 'stack' };
  const where = typeof e.stack === 'string' ? e.stack.split('\\n').map((l) => l.trim()).find((l) => l.startsWith('at ')) : undefined;
  return { error: (e.name ? e.name + ': ' : '') + message + (where ? ' (' + where.replace(/^at /, '') + ')' : '') };
}
(async () => {
  const QuickJS = await getQuickJS();
  // The limit is the script's: loading QuickJS does not count.
  started = Date.now();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(workerData.memoryBytes);
  runtime.setMaxStackSize(workerData.stackBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(started + workerData.timeMs));
  const vm = runtime.newContext();
  const text = (handle) => {
    const v = vm.dump(handle);
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  const console = vm.newObject();
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const fn = vm.newFunction(level, (...args) => {
      if (logs.length < ${MAX_LOG_LINES}) logs.push(args.map(text).join(' ').slice(0, ${MAX_LOG_LINE}));
    });
    vm.setProp(console, level, fn);
    fn.dispose();
  }
  vm.setProp(vm.global, 'console', console);
  console.dispose();
  // Taken before the script runs, so a script replacing JSON cannot change how its answer is read.
  const helpers = vm.unwrapResult(vm.evalCode('({ parse: JSON.parse, stringify: (v) => JSON.stringify(v === undefined ? null : v), isPromise: (v) => v instanceof Promise })'));
  const parse = vm.getProp(helpers, 'parse');
  const stringify = vm.getProp(helpers, 'stringify');
  const isPromise = vm.getProp(helpers, 'isPromise');
  const module = vm.evalCode(workerData.script, 'script.js', { type: 'module' });
  if (module.error) return done(describe(vm.dump(module.error)));
  const main = vm.getProp(module.value, 'default');
  if (vm.typeof(main) !== 'function') return done({ error: 'The script must export its function: export default function main(input) { … }' });
  const input = vm.callFunction(parse, vm.undefined, vm.newString(workerData.inputJson));
  if (input.error) return done(describe(vm.dump(input.error)));
  const result = vm.callFunction(main, vm.undefined, input.value);
  if (result.error) return done(describe(vm.dump(result.error)));
  if (vm.dump(vm.unwrapResult(vm.callFunction(isPromise, vm.undefined, result.value)))) {
    return done({ error: 'main returned a Promise: Run code scripts cannot be async' });
  }
  const json = vm.callFunction(stringify, vm.undefined, result.value);
  if (json.error) return done(describe(vm.dump(json.error)));
  done({ ok: true, output: JSON.parse(vm.dump(json.value)) });
})().catch((error) => done(describe(error)));
`;

function limitMessage(limit: string, limits: SandboxLimits): string {
  if (limit === 'time') return `The script ran longer than ${limits.timeMs} ms and was stopped`;
  if (limit === 'memory') return `The script used more than ${Math.round(limits.memoryBytes / (1024 * 1024))} MB of memory and was stopped`;
  return 'The script recursed too deep (stack overflow) and was stopped';
}

function quickjsPath(): string {
  return require.resolve('quickjs-emscripten');
}

/**
 * Runs a Run code script: `export default function main(input)` is called with `input` (the input query's
 * answer) and returns the output. In a worker thread, so a script that loops or allocates never holds up the
 * server; ended from outside if it outlives its limit. Never rejects: every failure is a result.
 */
export function runInSandbox(script: string, input: unknown, limits: SandboxLimits = defaultSandboxLimits): Promise<SandboxResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { quickjsPath: quickjsPath(), script, inputJson: JSON.stringify(input ?? null), ...limits },
      // The script's memory is QuickJS's own (limited above); this bounds the worker around it.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    const finish = (result: SandboxResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, error: limitMessage('time', limits), logs: [], durationMs: Date.now() - started }),
      limits.timeMs + START_GRACE_MS,
    );
    worker.on('message', (m: { ok?: boolean; output?: unknown; error?: string; limit?: string; logs: string[]; durationMs: number }) => {
      if (m.ok) finish({ ok: true, output: m.output, logs: m.logs, durationMs: m.durationMs });
      else
        finish({
          ok: false,
          error: m.limit ? limitMessage(m.limit, limits) : (m.error ?? 'The script failed'),
          logs: m.logs,
          durationMs: m.durationMs,
        });
    });
    worker.on('error', (error: Error) => {
      const limit = /memory|allocation/i.test(error.message) ? 'memory' : /call stack/i.test(error.message) ? 'stack' : null;
      finish({
        ok: false,
        error: limit ? limitMessage(limit, limits) : `The sandbox failed: ${error.message}`,
        logs: [],
        durationMs: Date.now() - started,
      });
    });
    worker.on('exit', () =>
      finish({ ok: false, error: 'The sandbox stopped without an answer', logs: [], durationMs: Date.now() - started }),
    );
  });
}
