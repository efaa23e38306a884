/**
 * The icons of the main navigation, from Lucide (@lucide/svelte, ISC licence; Polaris icons' licence limits
 * their use). Imported one by one so the bundle carries only these. Icons are decoration beside a word: Lucide
 * marks them aria-hidden, and the link keeps its name.
 */
import Blocks from '@lucide/svelte/icons/blocks';
import Building from '@lucide/svelte/icons/building-2';
import History from '@lucide/svelte/icons/history';
import LayoutDashboard from '@lucide/svelte/icons/layout-dashboard';
import Play from '@lucide/svelte/icons/play';
import Settings from '@lucide/svelte/icons/settings';
import Store from '@lucide/svelte/icons/store';
import Workflow from '@lucide/svelte/icons/workflow';
import type { Component } from 'svelte';
import type { Screen } from '../../lib/state/router.svelte';

// Lucide's components take many props; the navigation passes only size and class.
export type IconComponent = Component<{ size?: number | string; class?: string }>;

export const navIcons: Record<Screen, IconComponent> = {
  overview: LayoutDashboard,
  stores: Store,
  apps: Blocks,
  workflows: Workflow,
  runs: Play,
  activity: History,
  organizations: Building,
  settings: Settings,
};
