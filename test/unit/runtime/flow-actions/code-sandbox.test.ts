import { describe, expect, it } from 'vitest';
import { runInSandbox, SandboxPool, type SandboxLimits } from '../../../../electron/runtime/flow-actions/code-sandbox';

// Generous for scripts that should finish (the machine is shared); the limit tests set their own.
const limits: SandboxLimits = { timeMs: 3_000, memoryBytes: 8 * 1024 * 1024, stackBytes: 256 * 1024 };

describe('Run code sandbox', () => {
  it('calls main with the input and returns its object; console.log lines are kept', async () => {
    const script = `export default function main({ order }) {
      console.log('items', order.lineItems.length, { first: order.lineItems[0].title });
      return { hasGift: order.lineItems.some((li) => li.title.includes('Gift')), count: order.lineItems.length };
    }`;
    const result = await runInSandbox(script, { order: { lineItems: [{ title: 'Gift card' }, { title: 'Mug' }] } }, limits);
    expect(result).toMatchObject({ ok: true, output: { hasGift: true, count: 2 }, logs: ['items 2 {"first":"Gift card"}'] });
  });

  it('has no I/O: fetch, require, process and timers are not there; import of a module fails', async () => {
    const probe = `export default function main() {
      return { fetch: typeof fetch, require: typeof require, process: typeof process, setTimeout: typeof setTimeout, XMLHttpRequest: typeof XMLHttpRequest };
    }`;
    expect(await runInSandbox(probe, {}, limits)).toMatchObject({
      ok: true,
      output: { fetch: 'undefined', require: 'undefined', process: 'undefined', setTimeout: 'undefined', XMLHttpRequest: 'undefined' },
    });
    const importing = await runInSandbox(`import fs from 'fs';\nexport default function main() { return { ok: true } }`, {}, limits);
    expect(importing).toMatchObject({ ok: false, error: expect.stringContaining("could not load module 'fs'") });
    const calling = await runInSandbox(`export default function main() { return fetch('http://127.0.0.1:1/') }`, {}, limits);
    expect(calling).toMatchObject({ ok: false, error: expect.stringContaining('ReferenceError') });
  });

  it('a script that loops forever is stopped at its time limit with a clear error', async () => {
    const result = await runInSandbox(`export default function main() { for (;;) {} }`, {}, { ...limits, timeMs: 300 });
    expect(result).toMatchObject({ ok: false, error: 'The script ran longer than 300 ms and was stopped' });
    // The worker that ran it was ended; the next script gets a sound one.
    const next = await runInSandbox(`export default function main(input) { return { doubled: input.n * 2 }; }`, { n: 21 }, limits);
    expect(next).toMatchObject({ ok: true, output: { doubled: 42 } });
  });

  it('a script that allocates too much is stopped at its memory limit', async () => {
    const bomb = `export default function main() { const kept = []; for (let i = 0; ; i++) kept.push({ i, text: 'x' + i }); }`;
    const result = await runInSandbox(bomb, {}, { ...limits, timeMs: 10_000 });
    expect(result).toMatchObject({ ok: false, error: 'The script used more than 8 MB of memory and was stopped' });
  });

  it('endless recursion is a stack overflow, not a crash of Flow Admin', async () => {
    const result = await runInSandbox(
      `function down(n) { return down(n + 1) + 1 }\nexport default function main() { return down(0) }`,
      {},
      limits,
    );
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('stack overflow') });
  });

  it('a script without a default export, an async main and a thrown error say what is wrong', async () => {
    expect(await runInSandbox(`function main() { return {} }`, {}, limits)).toMatchObject({
      ok: false,
      error: expect.stringContaining('export default function main'),
    });
    expect(await runInSandbox(`export default async function main() { return {} }`, {}, limits)).toMatchObject({
      ok: false,
      error: expect.stringContaining('cannot be async'),
    });
    expect(
      await runInSandbox(`export default function main(input) { return input.order.name.length }`, { order: null }, limits),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^TypeError/) });
  });

  it('scripts share a few kept workers but nothing of each other: what one leaves on globalThis the next does not see', async () => {
    const pool = new SandboxPool({ maxWorkers: 2, moreWorkersAfterMs: 0, idleMs: 60_000 });
    const leave = `export default function main({ n }) { const before = typeof globalThis.left; globalThis.left = n; return { before } }`;
    const results = await Promise.all(Array.from({ length: 6 }, (_, n) => pool.run(leave, { n }, limits)));
    expect(results.map((r) => r.ok && r.output)).toEqual(Array.from({ length: 6 }, () => ({ before: 'undefined' })));
    expect(pool.size).toBe(2);
    // A script stopped at its limits leaves the next one unharmed.
    expect(await pool.run(`export default function main() { for (;;) {} }`, {}, { ...limits, timeMs: 200 })).toMatchObject({ ok: false });
    expect(await pool.run(leave, { n: 7 }, limits)).toMatchObject({ ok: true, output: { before: 'undefined' } });
  });

  it('scripts that come together run in one worker while none is kept waiting long', async () => {
    const pool = new SandboxPool({ maxWorkers: 2, moreWorkersAfterMs: 1_000, idleMs: 60_000 });
    const fast = `export default function main({ n }) { return { n } }`;
    expect(await pool.run(fast, { n: 0 }, limits)).toMatchObject({ ok: true });
    const together = await Promise.all(Array.from({ length: 20 }, (_, n) => pool.run(fast, { n }, limits)));
    expect(together.map((r) => r.ok && r.output)).toEqual(Array.from({ length: 20 }, (_, n) => ({ n })));
    expect(pool.size).toBe(1);
  });

  it('a script kept waiting by a slow one gets a second worker and its answer first', async () => {
    const pool = new SandboxPool({ maxWorkers: 2, moreWorkersAfterMs: 200, idleMs: 60_000 });
    const fast = `export default function main({ n }) { return { n } }`;
    expect(await pool.run(fast, { n: 0 }, limits)).toMatchObject({ ok: true });
    expect(pool.size).toBe(1);
    // A script looping until its limit holds the first worker.
    const answered: string[] = [];
    const slow = pool.run(`export default function main() { for (;;) {} }`, {}, { ...limits, timeMs: 3_000 }).then((r) => {
      answered.push('slow');
      return r;
    });
    const next = pool.run(fast, { n: 21 }, limits).then((r) => {
      answered.push('next');
      return r;
    });
    expect(await next).toMatchObject({ ok: true, output: { n: 21 } });
    expect(pool.size).toBe(2);
    expect(await slow).toMatchObject({ ok: false, error: expect.stringContaining('longer than 3000 ms') });
    expect(answered).toEqual(['next', 'slow']);
  });

  it('a worker with nothing to run ends after its idle time', async () => {
    const pool = new SandboxPool({ idleMs: 50 });
    expect(await pool.run(`export default function main() { return { a: 1 } }`, {}, limits)).toMatchObject({ ok: true, output: { a: 1 } });
    expect(pool.size).toBe(1);
    await expect.poll(() => pool.size, { timeout: 5_000 }).toBe(0);
  });
});
