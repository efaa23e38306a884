/**
 * The matrix grid's window: which rows and columns are drawn for a scroll position, which DOM slot draws each,
 * and which tiles to fetch for it. Sizes are fixed, so everything follows from the scroll offsets by arithmetic
 * (no layout reads).
 *
 * Slots: the grid keeps a fixed pool of row elements and, in each row, of cell elements; index i is drawn by
 * slot i mod pool (grid-slots.svelte.ts). A wheel scroll leaves the slots of the rows still in view alone and gives
 * the slots of the rows that left to those that entered; a jump re-uses every slot, patched in place. No element
 * is ever made, dropped or moved in the page while scrolling.
 */

/** Inclusive range of indexes; empty when last < first. */
export interface Span {
  first: number;
  last: number;
}

export interface Axis {
  /** The scroll offset along this axis. */
  offset: number;
  /** The scroller's size along this axis. */
  viewport: number;
  /** What the sticky header covers at the start (the column header's height, the row header's width). */
  header: number;
  /** A row's height or a column's width. */
  item: number;
  /** How many rows or columns there are. */
  count: number;
  /** Drawn beyond the view on either side, so a scroll rarely shows an empty edge. */
  overscan: number;
}

/** The rows (or columns) drawn for a scroll offset: those under the viewport (past its header), plus overscan. */
export function visibleSpan(axis: Axis): Span {
  if (axis.count <= 0 || axis.item <= 0) return { first: 0, last: -1 };
  // Index i starts at header + i × item in the content; the view shows [offset + header, offset + viewport).
  const first = Math.max(0, Math.floor(axis.offset / axis.item) - axis.overscan);
  const last = Math.min(axis.count - 1, Math.floor((axis.offset + axis.viewport - axis.header) / axis.item) + axis.overscan);
  return { first: Math.min(first, axis.count - 1), last };
}

/** How many slots a span can ever need at this viewport size: every span fits without two indexes sharing one. */
export function poolSize(axis: Pick<Axis, 'viewport' | 'header' | 'item' | 'overscan' | 'count'>): number {
  if (axis.count <= 0 || axis.item <= 0) return 0;
  const most = Math.floor(Math.max(0, axis.viewport - axis.header) / axis.item) + 2 + 2 * axis.overscan;
  return Math.min(axis.count, most);
}

/** The indexes of a span, in order (the grid's DOM order follows the rows and columns, as assistive technology reads it). */
export function indexes(span: Span): number[] {
  return Array.from({ length: Math.max(0, span.last - span.first + 1) }, (_, i) => span.first + i);
}

/**
 * The index a slot draws for a span: the one index of the span that is `slot` mod pool, or -1 when the span has
 * none (a spare slot, kept in the page, hidden). The inverse of slotOf for spans no longer than the pool.
 */
export function indexOfSlot(slot: number, span: Span, pool: number): number {
  if (pool <= 0 || span.last < span.first) return -1;
  const index = span.first + ((((slot - span.first) % pool) + pool) % pool);
  return index <= span.last ? index : -1;
}

/**
 * The slot that draws an index. Indexes in view keep their slot (and DOM element) while others come and go; an
 * index that enters takes the slot of one that left, patched in place. Consecutive indexes of a span no longer
 * than the pool never share a slot.
 */
export function slotOf(index: number, pool: number): number {
  return index % pool;
}

/** The blocks (tiles along one axis) a span covers: [first block, last block], empty for an empty span. */
export function blocksOf(span: Span, block: number): Span {
  if (span.last < span.first) return { first: 0, last: -1 };
  return { first: Math.floor(span.first / block), last: Math.floor(span.last / block) };
}

/** Which way the view last moved along each axis: -1 back, 1 forward, 0 not at all. */
export interface Heading {
  rows: number;
  columns: number;
}

/** The span a view's prefetch covers along one axis: a whole view ahead when it moves, half a view either side when not. */
function aheadOf(span: Span, heading: number, count: number): Span {
  const size = span.last - span.first + 1;
  const before = heading < 0 ? size : heading > 0 ? 0 : Math.ceil(size / 2);
  const after = heading > 0 ? size : heading < 0 ? 0 : Math.ceil(size / 2);
  return { first: Math.max(0, span.first - before), last: Math.min(count - 1, span.last + after) };
}

/**
 * The tiles to fetch for a view, most needed first: those under the view (nearest its centre first), then those
 * of the next view in the direction it moves (prefetch, nearest first), within the grid.
 */
export function tilesToFetch(
  view: { rows: Span; columns: Span },
  heading: Heading,
  grid: { rows: number; columns: number; rowBlock: number; columnBlock: number },
) {
  const inView = { rows: blocksOf(view.rows, grid.rowBlock), columns: blocksOf(view.columns, grid.columnBlock) };
  if (inView.rows.last < inView.rows.first || inView.columns.last < inView.columns.first) return [];
  const near = {
    rows: blocksOf(aheadOf(view.rows, heading.rows, grid.rows), grid.rowBlock),
    columns: blocksOf(aheadOf(view.columns, heading.columns, grid.columns), grid.columnBlock),
  };
  const centre = { row: (inView.rows.first + inView.rows.last) / 2, column: (inView.columns.first + inView.columns.last) / 2 };
  const out: { row: number; column: number; inView: boolean; distance: number }[] = [];
  for (let r = near.rows.first; r <= near.rows.last; r++)
    for (let c = near.columns.first; c <= near.columns.last; c++) {
      const seen = r >= inView.rows.first && r <= inView.rows.last && c >= inView.columns.first && c <= inView.columns.last;
      out.push({ row: r, column: c, inView: seen, distance: Math.abs(r - centre.row) + Math.abs(c - centre.column) });
    }
  return out.sort((a, b) => Number(b.inView) - Number(a.inView) || a.distance - b.distance);
}
