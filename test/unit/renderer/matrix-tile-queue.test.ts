import { describe, expect, it } from 'vitest';
import { TileQueue } from '../../../renderer/src/lib/state/tile-queue';

/** A loader whose fetches the test answers one by one, in any order. */
function loader() {
  const started: number[] = [];
  const answers = new Map<number, () => void>();
  const loaded = new Set<number>();
  return {
    started,
    loaded,
    load: (keys: number[]) =>
      new Promise<void>((resolve) => {
        started.push(...keys);
        answers.set(keys[0]!, () => {
          for (const key of keys) loaded.add(key);
          resolve();
        });
      }),
    answer: async (key: number) => {
      answers.get(key)!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('the matrix fetches the tiles it wants, a few at a time', () => {
  it('starts at most the concurrency, the most needed first, and the next when one is answered', async () => {
    const l = loader();
    const queue = new TileQueue(l.load, (key) => l.loaded.has(key), 2);
    queue.want([[5], [6], [7], [8]]);
    expect(l.started).toEqual([5, 6]);
    await l.answer(6);
    expect(l.started).toEqual([5, 6, 7]);
    expect(queue.running).toBe(2);
  });

  it('drops the tiles of a view scrolled past before they were requested: a dragged scrollbar fetches where it stops', async () => {
    const l = loader();
    const queue = new TileQueue(l.load, (key) => l.loaded.has(key), 2);
    queue.want([[1], [2], [3], [4]]);
    queue.want([[10], [11]]);
    queue.want([[20], [21], [22]]);
    expect(queue.waiting).toEqual([[20], [21], [22]]);
    await l.answer(1);
    await l.answer(2);
    expect(l.started).toEqual([1, 2, 20, 21]);
  });

  it('fetches the tiles of one job in one request, leaving out those loaded or in flight', async () => {
    const l = loader();
    const requests: number[][] = [];
    const queue = new TileQueue(
      (keys) => {
        requests.push(keys);
        return l.load(keys);
      },
      (key) => l.loaded.has(key),
      2,
    );
    queue.want([[1]]);
    queue.want([[1, 2, 3, 4], [5]]);
    expect(requests).toEqual([[1], [2, 3, 4]]);
  });

  it('does not fetch a tile loaded or in flight again', async () => {
    const l = loader();
    const queue = new TileQueue(l.load, (key) => l.loaded.has(key), 2);
    queue.want([[1]]);
    queue.want([[1], [2]]);
    await l.answer(1);
    queue.want([[1], [2], [3]]);
    expect(l.started).toEqual([1, 2, 3]);
  });

  it('starts nothing more for what was wanted before a clear (a new filter)', async () => {
    const l = loader();
    const queue = new TileQueue(l.load, (key) => l.loaded.has(key), 1);
    queue.want([[1], [2]]);
    queue.clear();
    await l.answer(1);
    expect(l.started).toEqual([1]);
    queue.want([[3]]);
    expect(l.started).toEqual([1, 3]);
  });
});
