import { afterEach, describe, expect, it } from 'vitest';
import { router } from '../../../renderer/src/lib/state/router.svelte';

/** The router's guard, which the editor uses to ask before unsaved changes are left behind. */
const hashChanged = () =>
  new Promise<void>((resolve) => window.addEventListener('hashchange', () => setTimeout(resolve, 0), { once: true }));
let removeGuard: (() => void) | null = null;
afterEach(() => removeGuard?.());

describe('navigation guard', () => {
  it('holds a link or back/forward away from the screen, keeps the address, and lets the screen decide', async () => {
    router.go('workflows', 'wf-1');
    const asked: string[] = [];
    let hold = true;
    removeGuard = router.guard((to) => {
      asked.push(`${to.screen}/${to.id ?? ''}`);
      return hold;
    });

    const changed = hashChanged();
    window.location.hash = '#/overview';
    await changed;
    expect(asked).toEqual(['overview/']);
    expect(router.route).toEqual({ screen: 'workflows', id: 'wf-1' });
    expect(window.location.hash).toBe('#/workflows/wf-1');

    // In-app navigation asks the same guard and does not happen while held.
    router.go('stores');
    expect(asked).toEqual(['overview/', 'stores/']);
    expect(router.route.screen).toBe('workflows');

    // The screen lets it go (after asking the admin): navigation goes on.
    hold = false;
    router.go('stores');
    expect(router.route).toEqual({ screen: 'stores', id: null });
  });

  it('does not take an in-page anchor (the skip link) for navigation', async () => {
    router.go('workflows', 'wf-2');
    const asked: string[] = [];
    removeGuard = router.guard((to) => {
      asked.push(to.screen);
      return true;
    });
    const changed = hashChanged();
    window.location.hash = '#main';
    await changed;
    expect(asked).toEqual([]);
    expect(router.route).toEqual({ screen: 'workflows', id: 'wf-2' });
    removeGuard();
    removeGuard = null;
    router.go('overview');
    expect(router.route.screen).toBe('overview');
  });
});
