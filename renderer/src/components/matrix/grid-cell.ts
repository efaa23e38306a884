/** What one cell element of the grid shows: its state in classes and attributes, its badge's classes and word. */
export interface CellDrawing {
  /** Its tile is on its way: the box and badge hidden, a placeholder bar instead. */
  pending: boolean;
  /** A spare slot: hidden, out of the grid. */
  spare: boolean;
  selected: boolean;
  column: number;
  label: string;
  id: string;
  tabIndex: number;
  left: number;
  badge: string;
  word: string;
}

/**
 * One cell element of the grid, patched by hand: a jump re-draws every cell of the view, and as Svelte markup each
 * cell was half a dozen reactive values and an effect, whose bookkeeping cost more than the attributes written.
 * Only what differs from the last drawing is written to the page.
 */
export class CellElement {
  private last: CellDrawing | null = null;
  private readonly text: Text;
  private readonly badgeBase: string;

  constructor(
    private readonly element: HTMLElement,
    private readonly badge: HTMLElement,
  ) {
    // The classes the markup gave the badge (Svelte's scoping class) stay; the tone classes follow the state.
    this.badgeBase = badge.className;
    this.text = badge.appendChild(document.createTextNode(''));
  }

  draw(next: CellDrawing): void {
    const last = this.last;
    const element = this.element;
    if (last?.pending !== next.pending) element.classList.toggle('pending', next.pending);
    if (last?.spare !== next.spare) element.classList.toggle('spare', next.spare);
    if (last?.selected !== next.selected) {
      element.classList.toggle('selected', next.selected);
      element.setAttribute('aria-selected', String(next.selected));
    }
    if (last?.column !== next.column) element.setAttribute('aria-colindex', String(next.column + 2));
    if (last?.label !== next.label) element.setAttribute('aria-label', next.label);
    if (last?.id !== next.id) {
      if (next.id) element.id = next.id;
      else element.removeAttribute('id');
    }
    if (last?.tabIndex !== next.tabIndex) element.tabIndex = next.tabIndex;
    if (last?.left !== next.left) element.style.left = `${next.left}px`;
    // A pending cell's badge is hidden: it keeps the word it had (no text to lay out again on every jump frame).
    const badge = next.pending && last ? last.badge : next.badge;
    const word = next.pending && last ? last.word : next.word;
    if (last?.badge !== badge) this.badge.className = `${this.badgeBase} ${badge}`;
    if (last?.word !== word) this.text.data = word;
    this.last = { ...next, badge, word };
  }
}
