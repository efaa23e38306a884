import { taskKey } from '../workflow/catalog-index';
import type { CatalogApp, CatalogTrigger } from './catalog-schema';

/**
 * Which triggers an admin may choose to start a workflow: every trigger Shopify still lists, and a deprecated
 * one only as the trigger the workflow's saved version already starts with (Flow keeps such workflows
 * running, and their admins may keep the trigger, but offers it to no new workflow). One rule for the
 * editor's trigger list and for validation, which rejects a deprecated trigger that was not kept.
 * `keptTriggerKey` is `app:handle` of the saved version's trigger, null for a new workflow.
 */
export function isTriggerOffered(
  appId: string,
  trigger: Pick<CatalogTrigger, 'handle' | 'deprecated'>,
  keptTriggerKey: string | null,
): boolean {
  return !trigger.deprecated || keptTriggerKey === taskKey(appId, trigger.handle);
}

/** An app's triggers an admin may choose, in the catalog's order (see isTriggerOffered). */
export function offeredTriggers(app: Pick<CatalogApp, 'id' | 'triggers'>, keptTriggerKey: string | null): CatalogTrigger[] {
  return app.triggers.filter((trigger) => isTriggerOffered(app.id, trigger, keptTriggerKey));
}
