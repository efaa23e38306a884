/**
 * The workflow × store matrix in Chromium (the bench's browser part): a generated organization of 2,000
 * workflows × 1,000 stores (test/support/generate-organization.ts) in browser mode on a real database.
 * Figures, frame times from requestAnimationFrame while the grid scrolls:
 * - wheel: 90 frames scrolling 120 px down and 40 px right a frame (a mouse wheel, fast);
 * - jump: 90 frames jumping diagonally across the whole grid (a scrollbar dragged end to end);
 * target median ≤ 17 ms, p95 ≤ 33 ms (issue 10).
 * With MATRIX_BASELINE_DIR set to another build of the renderer (e.g. the previous implementation, built with
 * `npx vite build --outDir DIR` at an older commit) the same measures run on it too, alternated round by round
 * against the same server and database, so load drift on a shared machine hits both alike.
 * Headless Chromium with --disable-gpu on a shared 2-core machine: figures are upper bounds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startHttpServer, type RunningHttpServer } from '../../electron/server/http-server';
import { launchChromium } from '../support/browser';
import { generateOrganization } from '../support/generate-organization';
import { startWebApp } from '../support/web-app';
import { formatTable, ok, type BenchRow } from './bench-table';

/** The little of the DOM the page-side functions use (this file is type-checked for Node). */
interface Scroller {
  scrollTop: number;
  scrollLeft: number;
  scrollHeight: number;
  scrollWidth: number;
  clientHeight: number;
  clientWidth: number;
}
interface PageGlobals {
  requestAnimationFrame(callback: (time: number) => void): number;
}

const ROUNDS = Number(process.env.MATRIX_BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

async function openMatrix(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url + '#/workflows/matrix');
  await page.getByRole('gridcell').first().waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

/** How long one measure (91 frames) may take before it is called stuck: minutes, where a slow frame is 0.5 s. */
const MEASURE_TIMEOUT_MS = 120_000;

/**
 * Frame times while scrolling. Fails with the reason instead of waiting forever when frames stop coming: the
 * page checks each frame against a 5 s timer (and says whether it is hidden), and Node gives the whole measure
 * MEASURE_TIMEOUT_MS in case the page's timers stop too (a frozen or crashed page).
 */
async function frames(page: Page, mode: 'wheel' | 'jump'): Promise<number[]> {
  // A page that is not the visible tab gets no animation frames: make it the one in front.
  await page.bringToFront();
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `matrix bench: the ${mode} measure got no answer from the page in ${MEASURE_TIMEOUT_MS / 1000} s (page closed: ${page.isClosed()}): ` +
              'the page stopped producing animation frames and running timers (hidden, frozen or crashed)',
          ),
        ),
      MEASURE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([measure(page, mode), stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/** The page-side loop (no named functions in page-side code: tsx would wrap them in a helper the page lacks). */
function measure(page: Page, mode: 'wheel' | 'jump'): Promise<number[]> {
  return page.getByRole('grid').evaluate(async (element, mode) => {
    const grid = element as unknown as Scroller;
    const { requestAnimationFrame } = globalThis as unknown as PageGlobals;
    grid.scrollTop = 0;
    grid.scrollLeft = 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const steps = 90;
    const times: number[] = [];
    let last = 0;
    for (let i = 0; i <= steps; i++) {
      if (i > 0 && mode === 'wheel') {
        grid.scrollTop += 120;
        grid.scrollLeft += 40;
      } else if (i > 0) {
        grid.scrollTop = ((grid.scrollHeight - grid.clientHeight) * i) / steps;
        grid.scrollLeft = ((grid.scrollWidth - grid.clientWidth) * i) / steps;
      }
      // A frame that never comes (a hidden page, a page stuck in a script) fails the measure, naming where,
      // instead of waiting forever.
      const now = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          const doc = (globalThis as unknown as { document: { visibilityState: string; hasFocus(): boolean } }).document;
          reject(
            new Error(`no animation frame within 5 s at frame ${i} of ${mode} (page ${doc.visibilityState}, focus ${doc.hasFocus()})`),
          );
        }, 5000);
        requestAnimationFrame((time) => {
          clearTimeout(timer);
          resolve(time);
        });
      });
      if (i > 0) times.push(now - last);
      last = now;
    }
    return times;
  }, mode);
}

export async function printMatrixBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-matrix-bench-'));
  const web = await startWebApp(path.join(dir, 'bench.db'));
  const baselineDir = process.env.MATRIX_BASELINE_DIR;
  let baseline: RunningHttpServer | null = null;
  const browser = await launchChromium();
  try {
    const generated = generateOrganization(web.app.handlerContext.db, web.app.handlerContext.catalog, {
      seed: 7,
      stores: 1000,
      workflows: 2000,
    });
    console.log(`organization: 2,000 workflows × 1,000 stores, ${generated.rows.activations} activations`);
    if (baselineDir) {
      baseline = await startHttpServer({
        api: web.app.api,
        token: randomBytes(16).toString('hex'),
        rendererDir: path.resolve(baselineDir),
      });
    }
    const sides = [{ name: 'ours', url: web.server.url }, ...(baseline ? [{ name: 'baseline', url: baseline.url }] : [])];
    const results = new Map(
      sides.map((s) => [s.name, { open: [] as number[], wheel: [] as number[], jump: [] as number[], cost: new Map<string, number>() }]),
    );
    for (let round = 0; round < ROUNDS; round++) {
      // Alternated, and the order flipped each round.
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const page = await browser.context.newPage();
        page.on('pageerror', (error) => console.error(`${side.name}: page error: ${error.message}`));
        page.on('crash', () => console.error(`${side.name}: the page crashed`));
        await page.setViewportSize({ width: 1280, height: 800 });
        const r = results.get(side.name)!;
        r.open.push(await openMatrix(page, side.url));
        // Where the main thread's time goes while scrolling (Chromium's own counters, over both measures).
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const before = await cdp.send('Performance.getMetrics');
        r.wheel.push(...(await frames(page, 'wheel')));
        r.jump.push(...(await frames(page, 'jump')));
        const after = await cdp.send('Performance.getMetrics');
        for (const m of after.metrics) {
          if (!/^(ScriptDuration|LayoutDuration|RecalcStyleDuration|TaskDuration|LayoutCount|RecalcStyleCount)$/.test(m.name)) continue;
          const was = before.metrics.find((b) => b.name === m.name)?.value ?? 0;
          r.cost.set(m.name, (r.cost.get(m.name) ?? 0) + m.value - was);
        }
        await page.close();
      }
    }
    const ours = results.get('ours')!;
    const base = results.get('baseline');
    const rows: BenchRow[] = [
      {
        operation: 'open the matrix: first cells (median of rounds)',
        ours: median(ours.open),
        ...(base ? { baseline: median(base.open) } : {}),
      },
      {
        operation: 'wheel scroll: frame time, median',
        ours: median(ours.wheel),
        ...(base ? { baseline: median(base.wheel) } : {}),
        target: { max: 17 },
      },
      {
        operation: 'wheel scroll: frame time, p95',
        ours: p95(ours.wheel),
        ...(base ? { baseline: p95(base.wheel) } : {}),
        target: { max: 33 },
      },
      {
        operation: 'jump across the grid: frame time, median',
        ours: median(ours.jump),
        ...(base ? { baseline: median(base.jump) } : {}),
        target: { max: 17 },
      },
      {
        operation: 'jump across the grid: frame time, p95',
        ours: p95(ours.jump),
        ...(base ? { baseline: p95(base.jump) } : {}),
        target: { max: 33 },
      },
    ];
    console.log(formatTable(rows, 'previous implementation'));
    for (const [name, r] of results) {
      const frameCount = r.wheel.length + r.jump.length;
      const per = (key: string, scale = 1000) => (((r.cost.get(key) ?? 0) * scale) / frameCount).toFixed(2);
      console.log(
        `${name}: per scrolled frame, main thread busy ${per('TaskDuration')} ms (script ${per('ScriptDuration')}, style ${per('RecalcStyleDuration')}, layout ${per('LayoutDuration')}); ${per('LayoutCount', 1)} layouts, ${per('RecalcStyleCount', 1)} style recalcs`,
      );
    }
    console.log(
      `${ROUNDS} rounds × 90 frames per measure${base ? ', ours and the baseline alternated' : ''}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    if (!rows.every(ok)) process.exitCode = 1;
  } finally {
    await browser.close();
    await baseline?.close();
    await web.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
