import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../electron/app-context';
import { DatabaseLockedError, lockFileFor } from '../../../electron/store/database-lock';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import {
  bigOrderToKlaviyo,
  connectApp,
  FakeApp,
  fastDelivery,
  openRuntimeApp,
  orderEvent,
  orgWithStore,
  waitFor,
  workflow,
} from '../runtime/fixture';

/**
 * Finding 3: the desktop app and browser mode share the default database path; run together, 32 of 250
 * deliveries were sent twice. Now the second one is refused with the other named, a lock left by a killed
 * process is taken over, and outbox leases keep two workers from sending one delivery even without the lock.
 */
const tempDir = useTempDir();
const opened: AppContext[] = [];
const children: ChildProcess[] = [];
const fakes: FakeApp[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const app of opened.splice(0)) {
    await app.runtime.stop();
    app.close();
  }
  for (const fake of fakes.splice(0)) await fake.stop();
});

const root = path.resolve(__dirname, '../../..');

/** Browser mode's way of opening the database, in a separate real process; resolves once it holds it. */
function otherProcess(databasePath: string): Promise<ChildProcess> {
  const script = `
    const { openAppContext } = require(${JSON.stringify(path.join(root, 'electron/app-context.ts'))});
    openAppContext({ databasePath: ${JSON.stringify(databasePath)}, program: 'browser mode (npm run web)' })
      .then(() => { console.log('open'); setInterval(() => {}, 1000); })
      .catch((e) => { console.error(e.message); process.exit(2); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('open') && resolve(child));
    child.on('exit', (code) => reject(new Error(`the other process exited (${code}): ${err}`)));
  });
}

describe('two programs on one database', () => {
  it('the second is refused with a message naming the program and process that holds it; after kill -9 of that one, it opens', async () => {
    const file = path.join(tempDir(), 'flow-admin.db');
    const child = await otherProcess(file);

    const refused = await openAppContext({ databasePath: file, program: 'the desktop app' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DatabaseLockedError);
    expect((refused as Error).message).toBe(
      `${file} is already open in Flow Admin: browser mode (npm run web), process ${child.pid} on this computer, since ${(refused as DatabaseLockedError).holder!.since}. ` +
        `Close that one first, or open another database. Two programs writing one database would send deliveries twice. If no Flow Admin is running, delete ${lockFileFor(file)}.`,
    );

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The lock file is still there (nobody removed it), but its process is gone.
    expect(fs.existsSync(lockFileFor(file))).toBe(true);
    const app = await openAppContext({ databasePath: file, program: 'the desktop app' });
    opened.push(app);
    expect(JSON.parse(fs.readFileSync(lockFileFor(file), 'utf8'))).toMatchObject({ pid: process.pid, program: 'the desktop app' });
    expect(fs.statSync(lockFileFor(file)).mode & 0o777).toBe(0o600);
  }, 30_000);

  it('a second app context in the same process is refused too; closing the first frees the file', async () => {
    const dir = tempDir();
    const first = await openRuntimeApp(dir);
    await expect(openRuntimeApp(dir)).rejects.toBeInstanceOf(DatabaseLockedError);
    first.close();
    expect(fs.existsSync(lockFileFor(path.join(dir, 'flow-admin.db')))).toBe(false);
    opened.push(await openRuntimeApp(dir));
  });

  it('without the lock, two workers on one outbox: 250 deliveries, each received exactly once (the leases hold)', async () => {
    const dir = tempDir();
    const fake = new FakeApp();
    fakes.push(fake);
    fake.answer = () => ({ status: 200, delayMs: 5 });
    await fake.start();
    // A request that times out is sent again by design (same action_run_id); two writers on one file block each
    // other's event loop at times, so the timeout is long here: any second send would be the leases failing.
    const delivery = { ...fastDelivery, timeoutMs: 60_000 };
    const a = await openRuntimeApp(dir, { singleWriterLock: false, runtime: { delivery } });
    opened.push(a);
    const org = await orgWithStore(a, ['klaviyo']);
    await workflow(a, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId]);
    await connectApp(a, fake, org.storeId);
    const sends = [];
    for (let i = 0; i < 250; i++) {
      sends.push(
        call(a, 'runtime.sendTestEvent', {
          storeId: org.storeId,
          trigger: { app: 'shopify', handle: 'order_created' },
          payload: orderEvent({ name: `#${5000 + i}` }),
        }),
      );
    }
    await Promise.all(sends);
    const b = await openRuntimeApp(dir, { singleWriterLock: false, runtime: { concurrency: 8, delivery } });
    opened.push(b);
    const sentBy = { a: 0, b: 0 };
    for (const [name, x] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const claim = x.runtime.outbox.claim.bind(x.runtime.outbox);
      x.runtime.outbox.claim = (...args) => {
        const got = claim(...args);
        sentBy[name] += got.size;
        return got;
      };
    }
    await Promise.all([a.runtime.start(), b.runtime.start()]);

    await waitFor(
      () => a.runtime.outbox.counts(),
      (c) => c.delivered === 250,
      30_000,
    );
    const ids = fake.received.map((d) => d.actionRunId);
    const unique = new Set(ids);
    expect({ sent: ids.length, received: unique.size, duplicated: ids.length - unique.size, lost: 250 - unique.size }).toEqual({
      sent: 250,
      received: 250,
      duplicated: 0,
      lost: 0,
    });
    // Both workers really took part.
    expect(sentBy.a).toBeGreaterThan(0);
    expect(sentBy.b).toBeGreaterThan(0);
    expect(sentBy.a + sentBy.b).toBe(250);
  }, 60_000);
});
