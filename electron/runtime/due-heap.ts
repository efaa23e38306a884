/**
 * A min-heap of keyed entries by due time, with update and removal by key. The scheduler keeps one entry
 * per running scheduled pair, so a tick looks only at the top (what is due) instead of every pair: at
 * 1,000 stores a tick is a comparison, not a thousand time-zone conversions.
 */
export class DueHeap<T> {
  private readonly items: { key: string; dueMs: number; value: T }[] = [];
  /** Key → index in items, kept in step with every swap so update and delete are O(log n). */
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i]!.value;
  }

  dueOf(key: string): number | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i]!.dueMs;
  }

  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  /** Adds the entry, or moves it to its new due time. */
  set(key: string, dueMs: number, value: T): void {
    const i = this.index.get(key);
    if (i === undefined) {
      this.items.push({ key, dueMs, value });
      this.index.set(key, this.items.length - 1);
      this.up(this.items.length - 1);
      return;
    }
    const item = this.items[i]!;
    const earlier = dueMs < item.dueMs;
    item.dueMs = dueMs;
    item.value = value;
    if (earlier) this.up(i);
    else this.down(i);
  }

  delete(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    const last = this.items.length - 1;
    if (i !== last) this.swap(i, last);
    this.items.pop();
    this.index.delete(key);
    if (i < this.items.length) {
      this.up(i);
      this.down(i);
    }
    return true;
  }

  /** The earliest due time, or Infinity when empty. */
  peekDue(): number {
    return this.items[0]?.dueMs ?? Infinity;
  }

  /** Takes out every entry due at or before `nowMs`, earliest first. */
  popDue(nowMs: number): { key: string; dueMs: number; value: T }[] {
    const out: { key: string; dueMs: number; value: T }[] = [];
    while (this.items.length > 0 && this.items[0]!.dueMs <= nowMs) {
      const top = this.items[0]!;
      this.delete(top.key);
      out.push(top);
    }
    return out;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.items[parent]!.dueMs <= this.items[i]!.dueMs) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && this.items[left]!.dueMs < this.items[least]!.dueMs) least = left;
      if (right < n && this.items[right]!.dueMs < this.items[least]!.dueMs) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    [items[a], items[b]] = [items[b]!, items[a]!];
    this.index.set(items[a]!.key, a);
    this.index.set(items[b]!.key, b);
  }
}
