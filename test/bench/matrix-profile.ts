/**
 * Where the matrix's scroll frames spend their script time: a CPU profile (CDP) while the grid wheel-scrolls at
 * 2,000 workflows × 1,000 stores, printed as the functions with the most self time. Run: npx tsx test/bench/matrix-profile.ts
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

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-matrix-profile-'));
  const web = await startWebApp(path.join(dir, 'bench.db'));
  const browser = await launchChromium();
  try {
    generateOrganization(web.app.handlerContext.db, web.app.handlerContext.catalog, { seed: 7, stores: 1000, workflows: 2000 });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(web.server.url + '#/workflows/matrix');
    await page.getByRole('gridcell').first().waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.getByRole('grid').evaluate(async (grid: { scrollTop: number; scrollLeft: number }) => {
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
      for (let i = 0; i < 60; i++) {
        grid.scrollTop += 120;
        grid.scrollLeft += 40;
        await new Promise<void>((resolve) => raf(() => resolve()));
      }
    });
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    for (const [name, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  } finally {
    await browser.close();
    await web.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
