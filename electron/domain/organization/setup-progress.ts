import type { CatalogApp } from '../catalog/catalog-schema';

/**
 * R2: an app is usable in a store only once it is installed and set up there. Setting up is the app's list
 * of steps (an account, a paid plan, the store's details...); an installation records the ones done.
 */
export function missingSetup(app: CatalogApp | undefined, done: readonly string[]): string[] {
  if (!app) return [];
  return app.setup.filter((step) => !done.includes(step.key)).map((step) => step.key);
}

/** The installation's progress as the UI shows it: every step of the app, done or not, in the app's order. */
export function setupProgress(app: CatalogApp, done: readonly string[]) {
  const steps = app.setup.map((step) => ({ key: step.key, kind: step.kind, name: step.name, done: done.includes(step.key) }));
  return { steps, setUp: steps.every((s) => s.done) };
}

/** Every step key of the app, for an installation recorded as already set up. */
export function allSetupSteps(app: CatalogApp): string[] {
  return app.setup.map((step) => step.key);
}
