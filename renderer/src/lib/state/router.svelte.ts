/**
 * Screens are addressed by the location hash (#/workflows/<id>), so reload and back keep the place.
 */
export type Screen = 'overview' | 'stores' | 'apps' | 'workflows' | 'runs' | 'activity' | 'organizations' | 'settings';
export const screens: readonly Screen[] = ['overview', 'stores', 'apps', 'workflows', 'runs', 'activity', 'organizations', 'settings'];

export interface Route {
  screen: Screen;
  /** The thing the screen shows, e.g. the workflow open in the editor. */
  id: string | null;
}

export function parseRoute(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('/');
  const screen = screens.includes(name as Screen) ? (name as Screen) : 'overview';
  return { screen, id: id ? decodeURIComponent(id) : null };
}

export function routeHash(screen: Screen, id: string | null = null): string {
  return `#/${screen}${id ? '/' + encodeURIComponent(id) : ''}`;
}

/** The current history entry's position (the Navigation API; null where there is none). */
function entryIndex(): number | null {
  return (globalThis as { navigation?: { currentEntry?: { index: number } | null } }).navigation?.currentEntry?.index ?? null;
}

class Router {
  route = $state<Route>(parseRoute(window.location.hash));
  screen = $derived(this.route.screen);

  /** Screens holding navigation (e.g. unsaved edits): each is asked about the route wanted; true holds it. */
  private guards = new Set<(to: Route) => boolean>();

  /** The history entry we are at, so a held move (a link, back or forward) is undone by going the other way. */
  private entry = entryIndex();

  constructor() {
    window.addEventListener('hashchange', () => {
      // An in-page anchor (the skip link's #main) is not a route: the screen stays.
      if (window.location.hash && !window.location.hash.startsWith('#/')) return;
      const to = parseRoute(window.location.hash);
      const moved = to.screen !== this.route.screen || to.id !== this.route.id;
      if (moved && this.held(to)) return this.undoMove();
      if (moved) this.route = to;
      this.entry = entryIndex();
    });
  }

  private undoMove(): void {
    const now = entryIndex();
    if (this.entry !== null && now !== null && now !== this.entry) history.go(this.entry - now);
    else history.replaceState(history.state, '', routeHash(this.route.screen, this.route.id));
  }

  /** Lets a screen hold navigation away from it; returns the function that removes the guard. */
  guard(hold: (to: Route) => boolean): () => void {
    this.guards.add(hold);
    return () => this.guards.delete(hold);
  }

  private held(to: Route): boolean {
    return [...this.guards].some((hold) => hold(to));
  }

  go(screen: Screen, id: string | null = null): void {
    if (this.held({ screen, id })) return;
    window.location.hash = routeHash(screen, id);
    this.route = { screen, id };
  }
}

export const router = new Router();
