import { api, type ApiOutput } from '../api/client';
import { organizations } from './organizations.svelte';
import { router } from './router.svelte';

type Progress = ApiOutput<'demo.progress'>;

/**
 * Opening a demo organization: the four-store scenario in one call, or a large one built in chunks while
 * the window polls how far it has come. Either way the new organization is selected and the Overview shown.
 */
class DemoState {
  busy = $state<'scenario' | 'large' | null>(null);
  progress = $state<Progress | null>(null);

  private async opened(id: string): Promise<void> {
    await organizations.load();
    organizations.select(id);
    router.go('overview');
  }

  async openScenario(): Promise<void> {
    this.busy = 'scenario';
    try {
      const organization = await api.call('demo.openScenario', {});
      await this.opened(organization.id);
    } finally {
      this.busy = null;
    }
  }

  async openLarge(stores: number, workflows: number): Promise<void> {
    this.busy = 'large';
    this.progress = null;
    let polling = true;
    const poll = async () => {
      while (polling) {
        // A missed reading is only a late progress bar: the next one comes in 250 ms; the build's own failure is thrown below.
        const progress = await api.call('demo.progress', {}).catch(() => null);
        if (progress && polling) this.progress = progress;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const polled = poll();
    try {
      const organization = await api.call('demo.openLarge', { stores, workflows });
      polling = false;
      await polled;
      await this.opened(organization.id);
    } finally {
      polling = false;
      this.busy = null;
      this.progress = null;
    }
  }
}

export const demo = new DemoState();
