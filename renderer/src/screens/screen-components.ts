import type { Component } from 'svelte';
import type { Screen } from '../lib/state/router.svelte';
import OrganizationsScreen from './OrganizationsScreen.svelte';
import OverviewScreen from './OverviewScreen.svelte';
import SettingsScreen from './SettingsScreen.svelte';
import StoresScreen from './StoresScreen.svelte';
import AppsScreen from './AppsScreen.svelte';
import ActivityScreen from './ActivityScreen.svelte';
import RunsScreen from './RunsScreen.svelte';
import WorkflowsScreen from './WorkflowsScreen.svelte';

/** Which component shows each screen; the navigation lists only screens that have one. */
export const screenComponents: Partial<Record<Screen, Component>> = {
  overview: OverviewScreen,
  stores: StoresScreen,
  apps: AppsScreen,
  workflows: WorkflowsScreen,
  runs: RunsScreen,
  activity: ActivityScreen,
  organizations: OrganizationsScreen,
  settings: SettingsScreen,
};
