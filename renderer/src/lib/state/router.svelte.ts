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

class Router {
  route = $state<Route>(parseRoute(window.location.hash));
  screen = $derived(this.route.screen);

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseRoute(window.location.hash)));
  }

  go(screen: Screen, id: string | null = null): void {
    window.location.hash = routeHash(screen, id);
    this.route = { screen, id };
  }
}

export const router = new Router();
