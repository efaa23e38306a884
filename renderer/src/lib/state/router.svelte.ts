/** Screens are addressed by the location hash (#/organizations), so reload and back keep the place. */
export type Screen = 'overview' | 'organizations' | 'settings';
export const screens: readonly Screen[] = ['overview', 'organizations', 'settings'];

function fromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split('/')[0] as Screen;
  return screens.includes(name) ? name : 'overview';
}

class Router {
  screen = $state<Screen>(fromHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.screen = fromHash(window.location.hash)));
  }

  go(screen: Screen): void {
    window.location.hash = `#/${screen}`;
    this.screen = screen;
  }
}

export const router = new Router();
