import { fireEvent } from '@testing-library/svelte';
import { catalogApp, type CatalogApp } from '../../../electron/domain/catalog/catalog-schema';
import { Environment } from '../../../electron/domain/environment/workflow-environment';
import type { AdminSchemaFile } from '../../../electron/domain/schema/admin-schema-file';
import { createAdminSchema } from '../../../electron/domain/schema/admin-schema';

/** The real catalog files, read through the catalog's own schema (defaults applied), as `catalog.get` gives them. */
const files = import.meta.glob<unknown>(['../../../resources/catalog/shopify.json', '../../../resources/catalog/apps/*.json'], {
  eager: true,
  import: 'default',
});

export const apps: CatalogApp[] = Object.values(files).map((json) => catalogApp.parse(json));

export function app(id: string): CatalogApp {
  const found = apps.find((a) => a.id === id);
  if (!found) throw new Error(`no app ${id} in the catalog`);
  return found;
}

/** The checked-in Admin API field model, as `catalog.schema` gives it, built by the domain's own createAdminSchema. */
export const schemaFile = (
  import.meta.glob<AdminSchemaFile>('../../../resources/admin-schema.json', { eager: true, import: 'default' }) as Record<
    string,
    AdminSchemaFile
  >
)['../../../resources/admin-schema.json']!;
export const schema = createAdminSchema(schemaFile);

/** The data in scope right after a Shopify trigger (`order` after Order created, and the shop). */
export function scopeAfter(triggerHandle: string, appId = 'shopify'): Environment {
  const trigger = app(appId).triggers.find((t) => t.handle === triggerHandle);
  if (!trigger) throw new Error(`no trigger ${appId}:${triggerHandle}`);
  return Environment.ofTrigger(trigger, schema);
}

/**
 * Picks a path in a field picker the way an admin does with the mouse: opens it, then clicks each
 * segment's option in turn (objects open, the last one is picked).
 */
export async function pickPath(combobox: HTMLElement, path: string): Promise<void> {
  await fireEvent.focus(combobox);
  // The picker opens beside the current value: go back up to the variables first.
  for (let back = backOption(combobox); back; back = backOption(combobox)) await fireEvent.click(back);
  const segments = path.split('.');
  for (const [i, segment] of segments.entries()) {
    const list = document.getElementById(combobox.getAttribute('aria-controls') ?? '');
    if (!list) throw new Error(`the picker ${combobox.id} is not open`);
    // querySelectorAll, not getAllByRole: an object has a hundred-odd fields, and role queries are slow in jsdom.
    const find = (name: string) =>
      [...list.querySelectorAll<HTMLElement>('[role="option"]')].find(
        (o) => o.querySelector('.name')?.textContent?.trim().split(/\s/)[0] === name,
      );
    let option = find(segment);
    if (!option) {
      // Not among the first fields listed: search for it, as an admin would (results show whole paths).
      await fireEvent.input(combobox, { target: { value: segment } });
      option = find(segments.slice(0, i + 1).join('.'));
    }
    if (!option) throw new Error(`no option "${segment}" on the way to ${path}`);
    await fireEvent.click(option);
  }
}

/** The visible names of the picker's options now (without the Back row). */
export function optionNames(combobox: HTMLElement): string[] {
  const list = document.getElementById(combobox.getAttribute('aria-controls') ?? '');
  return list
    ? [...list.querySelectorAll('[role="option"] .name')].map((n) => n.textContent?.trim().split(/\s/)[0] ?? '').filter((n) => n !== '‹')
    : [];
}

function backOption(combobox: HTMLElement): HTMLElement | undefined {
  const list = document.getElementById(combobox.getAttribute('aria-controls') ?? '');
  return list ? [...list.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.trim().startsWith('‹')) : undefined;
}
