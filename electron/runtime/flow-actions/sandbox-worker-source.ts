/**
 * The Run code sandbox's worker thread, as source (a worker started with `eval`). It loads QuickJS (WebAssembly)
 * once and then runs one script at a time as the pool sends them, each in a QuickJS runtime of its own, made
 * for it and freed after it: nothing a script leaves behind reaches the next one. QuickJS has no I/O of its
 * own: no fetch, require, import, timers or file system are given to a script; only console, whose lines are
 * kept. The interrupt handler stops a script at its deadline and the runtime's memory limit ends an
 * allocation bomb; a script stuck inside one native call (where the interrupt handler is not asked) is
 * stopped from outside by ending the worker. A worker whose runtime could not be freed cleanly ends itself.
 */
export function sandboxWorkerSource(maxLogLines: number, maxLogLine: number): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const { getQuickJS, shouldInterruptAfterDeadline } = require(workerData.quickjsPath);
function describe(error) {
  const e = error && typeof error === 'object' ? error : { message: String(error) };
  const message = String(e.message ?? e);
  if (message === 'interrupted') return { limit: 'time' };
  if (message === 'out of memory' || message === 'string too long' || message === 'invalid array length') return { limit: 'memory' };
  if (message === 'stack overflow') return { limit: 'stack' };
  const where = typeof e.stack === 'string' ? e.stack.split('\\n').map((l) => l.trim()).find((l) => l.startsWith('at ')) : undefined;
  return { error: (e.name ? e.name + ': ' : '') + message + (where ? ' (' + where.replace(/^at /, '') + ')' : '') };
}
/** Runs one job; every QuickJS handle it made is freed before it returns (false in 'clean' when that failed). */
function run(QuickJS, job) {
  const logs = [];
  const started = Date.now();
  const handles = [];
  const keep = (handle) => (handles.push(handle), handle);
  const done = (result) => ({ ...result, logs, durationMs: Date.now() - started });
  const runtime = QuickJS.newRuntime();
  let vm = null;
  let result;
  try {
    runtime.setMemoryLimit(job.memoryBytes);
    runtime.setMaxStackSize(job.stackBytes);
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(started + job.timeMs));
    vm = runtime.newContext();
    const text = (handle) => {
      const v = vm.dump(handle);
      return typeof v === 'string' ? v : JSON.stringify(v);
    };
    const console = keep(vm.newObject());
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
      const fn = keep(vm.newFunction(level, (...args) => {
        if (logs.length < ${maxLogLines}) logs.push(args.map(text).join(' ').slice(0, ${maxLogLine}));
      }));
      vm.setProp(console, level, fn);
    }
    vm.setProp(vm.global, 'console', console);
    // Taken before the script runs, so a script replacing JSON cannot change how its answer is read.
    const helpers = keep(vm.unwrapResult(vm.evalCode('({ parse: JSON.parse, stringify: (v) => JSON.stringify(v === undefined ? null : v), isPromise: (v) => v instanceof Promise })')));
    const parse = keep(vm.getProp(helpers, 'parse'));
    const stringify = keep(vm.getProp(helpers, 'stringify'));
    const isPromise = keep(vm.getProp(helpers, 'isPromise'));
    // Each call's answer is kept (freed at the end) whether it is a value or an error.
    const call = (answer) => (keep(answer.error ?? answer.value), answer);
    const module = call(vm.evalCode(job.script, 'script.js', { type: 'module' }));
    if (module.error) return (result = done(describe(vm.dump(module.error))));
    const main = keep(vm.getProp(module.value, 'default'));
    if (vm.typeof(main) !== 'function') return (result = done({ error: 'The script must export its function: export default function main(input) { … }' }));
    const input = call(vm.callFunction(parse, vm.undefined, keep(vm.newString(job.inputJson))));
    if (input.error) return (result = done(describe(vm.dump(input.error))));
    const answer = call(vm.callFunction(main, vm.undefined, input.value));
    if (answer.error) return (result = done(describe(vm.dump(answer.error))));
    if (vm.dump(keep(vm.unwrapResult(vm.callFunction(isPromise, vm.undefined, answer.value))))) {
      return (result = done({ error: 'main returned a Promise: Run code scripts cannot be async' }));
    }
    const json = call(vm.callFunction(stringify, vm.undefined, answer.value));
    if (json.error) return (result = done(describe(vm.dump(json.error))));
    return (result = done({ ok: true, output: JSON.parse(vm.dump(json.value)) }));
  } catch (error) {
    return (result = done(describe(error)));
  } finally {
    try {
      for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
      vm?.dispose();
      runtime.dispose();
      result.clean = true;
    } catch {
      result.clean = false;
    }
  }
}
(async () => {
  const QuickJS = await getQuickJS();
  parentPort.on('message', (job) => {
    const { clean, ...result } = run(QuickJS, job);
    parentPort.postMessage({ id: job.id, ...result });
    if (!clean) process.exit(0);
  });
})();
`;
}
