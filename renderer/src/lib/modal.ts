/**
 * A modal dialog that behaves: `showModal()` makes the rest of the page inert (focus stays in the dialog:
 * Tab cycles through its controls) and Escape asks to cancel; when it goes away, focus returns to the
 * control that opened it, or to the page heading when that control is gone (a deleted row's button).
 *
 * A Svelte action for a <dialog>: `<dialog use:modal>`.
 */
export function modal(dialog: HTMLDialogElement) {
  const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  dialog.showModal();
  return {
    destroy() {
      if (dialog.open) dialog.close();
      // After the dialog's own DOM is gone: the opener may be re-rendered by what the dialog did.
      queueMicrotask(() => {
        if (opener?.isConnected && !opener.closest('[inert]')) opener.focus();
        else focusHeading();
      });
    },
  };
}

/** Focus the screen's heading (main h1), the place a screen reader and a keyboard user start from. */
export function focusHeading(): boolean {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
}

/**
 * After a move to another screen: focus its heading once it is shown (screens that load first show it a
 * little later), unless focus already sits on something of the page that stayed (a view tab).
 */
export function focusHeadingAfterMove(): void {
  const started = performance.now();
  const attempt = () => {
    const active = document.activeElement;
    const main = document.querySelector('main');
    if (active && active !== document.body && active.isConnected && main?.contains(active) && active.tagName !== 'MAIN') return;
    if (focusHeading()) return;
    if (performance.now() - started < 5000) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
