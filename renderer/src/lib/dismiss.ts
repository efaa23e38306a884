/**
 * Closing what pops up (menus, pickers, side panels) the way people expect from the Shopify admin and
 * their operating system: Escape closes it and puts focus back on what opened it; a click or a focus move
 * outside closes it too (so clicking Save, or tabbing on to Save, leaves no menu hanging open over the page).
 *
 * A Svelte action: `<div use:dismissable={{ onclose, opener }}>`.
 */
export interface DismissOptions {
  onclose: () => void;
  /** Where focus goes back to after Escape (the button or summary that opened it). */
  opener?: () => HTMLElement | null | undefined;
  /**
   * Escape anywhere on the page closes it, not only while focus is inside: for a side panel that sits beside
   * the thing it describes (the matrix cell panel: focus stays on the grid).
   */
  escapeAnywhere?: boolean;
  /** A click or focus outside closes it too (menus); a side panel stays open beside what one works on. */
  closeOnOutside?: boolean;
  /** Elements that count as inside although they are not in the node (the button that toggles it). */
  alsoInside?: () => (HTMLElement | null | undefined)[];
}

export function dismissable(node: HTMLElement, initial: DismissOptions) {
  let options = initial;
  const inside = (target: EventTarget | null) =>
    target instanceof Node && (node.contains(target) || (options.alsoInside?.() ?? []).some((el) => el?.contains(target)));

  const escape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // A page-wide listener leaves Escape to whatever took it first (a combobox closing its list); on the node,
    // Escape from a picker inside the menu closes the whole menu: one press, as people expect.
    if (options.escapeAnywhere && e.defaultPrevented) return;
    // An open modal dialog owns Escape (it closes the dialog first).
    if (options.escapeAnywhere && document.querySelector('dialog[open]')) return;
    if (!options.escapeAnywhere && !inside(e.target)) return;
    e.preventDefault();
    e.stopPropagation();
    const back = options.opener?.();
    options.onclose();
    back?.focus();
  };
  const outside = () => options.closeOnOutside !== false;
  const pointer = (e: PointerEvent) => {
    if (outside() && !inside(e.target)) options.onclose();
  };
  const focus = (e: FocusEvent) => {
    if (outside() && e.target !== document.body && !inside(e.target)) options.onclose();
  };

  // Listening on the document in the capture phase sees the event before the component that is clicked
  // (Save) runs; the keydown on the node itself lets the innermost popup take Escape first.
  const keyTarget: HTMLElement | Document = options.escapeAnywhere ? document : node;
  keyTarget.addEventListener('keydown', escape as EventListener);
  document.addEventListener('pointerdown', pointer, true);
  document.addEventListener('focusin', focus, true);
  return {
    update(next: DismissOptions) {
      options = next;
    },
    destroy() {
      keyTarget.removeEventListener('keydown', escape as EventListener);
      document.removeEventListener('pointerdown', pointer, true);
      document.removeEventListener('focusin', focus, true);
    },
  };
}
