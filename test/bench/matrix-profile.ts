/**
 * Where the matrix's scroll frames go, at 2,000 workflows × 1,000 stores in headless Chromium:
 * - a Chromium performance trace of the frames, summed by event (script, style, layout, paint, raster) and by
 *   thread, with the number of cells in the page and of API calls made while scrolling;
 * - a CPU profile of the same frames, printed as the functions with the most self time.
 * Run: npx tsx test/bench/matrix-profile.ts [wheel|jump] (needs `npx vite build` first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/browser';
import { generateOrganization } from '../support/generate-organization';
import { startWebApp } from '../support/web-app';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; elementCount?: number; beginData?: { dirtyObjects?: number }; endData?: unknown };
}

/** Trace events worth summing (several nest: a forced Layout is inside a FunctionCall). */
const SUMMED = new Set([
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'RunMicrotasks',
  'TimerFire',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'RasterTask',
  'ParseHTML',
  'ResourceReceiveResponse',
  'ThreadControllerImpl::RunTask',
  'MajorGC',
  'MinorGC',
  'V8.GC_SCAVENGER',
  'HitTest',
  'UpdateLayer',
]);

async function main(): Promise<void> {
  const mode = process.argv[2] === 'jump' ? 'jump' : 'wheel';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-matrix-profile-'));
  const web = await startWebApp(path.join(dir, 'bench.db'));
  const browser = await launchChromium();
  try {
    generateOrganization(web.app.handlerContext.db, web.app.handlerContext.catalog, { seed: 7, stores: 1000, workflows: 2000 });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(web.server.url + '#/workflows/matrix');
    await page.getByRole('gridcell').first().waitFor({ timeout: 60_000 });
    let apiCalls = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api')) apiCalls++;
    });
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data) => {
      events.push(...(data.value as unknown as TraceEvent[]));
    });
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,cc,disabled-by-default-devtools.timeline.frame',
      transferMode: 'ReportEvents',
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const result = await page.getByRole('grid').evaluate(
      async (
        grid: {
          scrollTop: number;
          scrollLeft: number;
          scrollHeight: number;
          scrollWidth: number;
          clientHeight: number;
          clientWidth: number;
        },
        mode,
      ) => {
        const g = globalThis as unknown as {
          requestAnimationFrame(cb: (t: number) => void): void;
          document: { querySelectorAll(s: string): { length: number } };
        };
        const times: number[] = [];
        const cells: number[] = [];
        let last = 0;
        for (let i = 0; i <= 60; i++) {
          if (i > 0 && mode === 'wheel') {
            grid.scrollTop += 120;
            grid.scrollLeft += 40;
          } else if (i > 0) {
            grid.scrollTop = ((grid.scrollHeight - grid.clientHeight) * i) / 60;
            grid.scrollLeft = ((grid.scrollWidth - grid.clientWidth) * i) / 60;
          }
          const now = await new Promise<number>((resolve) => g.requestAnimationFrame(resolve));
          if (i > 0) times.push(Math.round(now - last));
          cells.push(g.document.querySelectorAll('[role=gridcell]').length);
          last = now;
        }
        return { times, cells: Math.max(...cells), elements: g.document.querySelectorAll('*').length };
      },
      mode,
    );
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;

    // MATRIX_PROFILE_OUT=dir keeps the CPU profile (open it in DevTools' Performance panel) and the trace.
    const out = process.env.MATRIX_PROFILE_OUT;
    if (out) {
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, `matrix-${mode}.cpuprofile`), JSON.stringify(profile));
      fs.writeFileSync(path.join(out, `matrix-${mode}.trace.json`), JSON.stringify({ traceEvents: events }));
    }
    console.log(`${mode}: 60 frames, ${result.times.join(' ')} ms`);
    console.log(`max cells in the page ${result.cells}, elements ${result.elements}, API calls while scrolling ${apiCalls}`);
    const threadNames = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    const sums = new Map<string, number>();
    for (const e of events) {
      if (e.ph !== 'X' || !SUMMED.has(e.name)) continue;
      const thread = threadNames.get(`${e.pid}:${e.tid}`) ?? '?';
      const key = `${thread.padEnd(28)} ${e.name}`;
      sums.set(key, (sums.get(key) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const recalcs = events.filter((e) => e.ph === 'X' && e.name === 'UpdateLayoutTree');
    const elements = recalcs.reduce((n, e) => n + (e.args?.elementCount ?? 0), 0);
    const layouts = events.filter((e) => e.ph === 'X' && e.name === 'Layout');
    const dirty = layouts.reduce((n, e) => n + (e.args?.beginData?.dirtyObjects ?? 0), 0);
    console.log(
      `per frame: ${(recalcs.length / 60).toFixed(1)} style recalcs of ${(elements / 60).toFixed(0)} elements, ${(layouts.length / 60).toFixed(1)} layouts of ${(dirty / 60).toFixed(0)} dirty objects`,
    );
    console.log('trace, ms per frame by thread and event:');
    for (const [key, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 24)) console.log(`${(ms / 60).toFixed(2).padStart(8)}  ${key}`);

    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log('CPU profile, self time over the 60 frames:');
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
    console.log(`load average ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await browser.close();
    await web.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
