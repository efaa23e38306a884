import { indexOfSlot, type Span } from './grid-window';

/** One element slot of the grid (a row, or a cell of every row): the index it draws, each its own reactive value. */
export class Slot {
  /** The row or column drawn; a spare slot keeps the one it drew last (-1 before it ever drew one). */
  index = $state(-1);
  /** Nothing of the span falls to this slot: kept in the page, hidden, not patched. */
  spare = $state(true);

  constructor(readonly key: number) {}
}

/**
 * The grid's row (or column) elements: a fixed pool of slots, slot k drawing the index of the span that is k mod
 * pool. A slot's index is set only when it changes, so a wheel scroll by three rows re-renders those three rows'
 * elements and visits nothing else. (Deriving the slots from the scroll offset made every cell of every row check
 * for a change on every scroll event: about 2 ms a frame at 150 cells, before any element changed.) No element is
 * made or dropped while scrolling, and none moves in the page: a spare slot, when the span is shorter than the
 * pool, is only hidden.
 */
export class SlotPool {
  slots = $state.raw<readonly Slot[]>([]);

  place(span: Span, pool: number): void {
    if (this.slots.length !== pool) {
      const kept = this.slots;
      this.slots = Array.from({ length: pool }, (_, k) => kept[k] ?? new Slot(k));
    }
    for (const slot of this.slots) {
      const index = indexOfSlot(slot.key, span, pool);
      if (index < 0) {
        if (!slot.spare) slot.spare = true;
      } else {
        if (slot.index !== index) slot.index = index;
        if (slot.spare) slot.spare = false;
      }
    }
  }
}
