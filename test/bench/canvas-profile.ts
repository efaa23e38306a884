/**
 * Where the canvas's render time goes (not part of `npm run bench`): the bench's 60-step workflow opened on
 * the canvas once under Chromium's CPU profiler and a devtools.timeline trace, printed as the functions with
 * the most self time (by file) and the main thread's time per trace event (script, style, layout, paint).
 * Run `npx vite build --minify false` first for readable names: `npx tsx test/bench/canvas-profile.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call } from '../support/app';
import { launchChromium } from '../support/browser';
import { startWebApp } from '../support/web-app';
import { sixtySteps } from './canvas.bench';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
  ts: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-canvas-profile-'));
  const web = await startWebApp(path.join(dir, 'bench.db'));
  const browser = await launchChromium();
  try {
    const org = await call(web.app, 'organizations.create', { name: 'Bench Goods' });
    const workflow = await call(web.app, 'workflows.create', {
      organizationId: org.id,
      name: 'Sixty steps',
      definition: { trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} }, steps: sixtySteps() },
    });
    await call(web.app, 'settings.update', { editorView: 'form' });
    const page = await browser.context.newPage();
    await page.goto(`${web.server.url}#/workflows/${workflow.id}`);
    const canvas = page.getByRole('button', { name: 'Canvas', exact: true });
    const form = page.getByRole('button', { name: 'Form', exact: true });
    // Once to warm up (code loaded, compiled), then the measured one.
    await canvas.click();
    await page.locator('.svelte-flow__node-step').nth(60).waitFor();
    await form.click();
    await page.locator('.svelte-flow__node-step').first().waitFor({ state: 'detached' });

    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    const started = Date.now();
    await canvas.click();
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as {
        document: { querySelectorAll(s: string): ArrayLike<{ style: { visibility: string } }> };
      };
      const nodes = Array.from(document.querySelectorAll('.svelte-flow__node-step'));
      return nodes.length === 61 && nodes.every((n) => n.style.visibility === 'visible');
    });
    console.log(`click to 61 visible cards (with Playwright's overhead): ${Date.now() - started} ms`);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;

    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const frame = byNode.get(id)!.callFrame;
      const file = frame.url.split('/').pop() || '(native)';
      const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log('\nself time by function (ms):');
    for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);

    // Inclusive: each function once per sample it is on the stack of (the app's bundle only).
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byNode.get(at)!.callFrame;
        if (!frame.url.includes('/assets/')) continue;
        seen.add(`${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`);
      }
      for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log('\ninclusive time in the app bundle by function (ms):');
    for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 400)) console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);

    // The page's main thread: of the renderers' main threads, the busiest.
    const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const busy = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.dur);
    const onMain = mains.map(busy).sort((a, b) => b.reduce((s, e) => s + e.dur!, 0) - a.reduce((s, e) => s + e.dur!, 0))[0] ?? [];
    const total = new Map<string, number>();
    for (const e of onMain) total.set(e.name, (total.get(e.name) ?? 0) + e.dur! / 1000);
    const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
    const wall = tasks.reduce((sum, e) => sum + e.dur!, 0) / 1000;
    const cpu = tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
    console.log(`\nmain thread tasks: ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU (the difference is waiting for a core)`);
    console.log('\nmain thread, time per trace event (ms, nested events counted in their parents too):');
    for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
  } finally {
    await browser.close();
    await web.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
