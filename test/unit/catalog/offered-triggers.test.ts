import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { isTriggerOffered, offeredTriggers } from '../../../electron/domain/catalog/offered-triggers';
import { validateWorkflow } from '../../../electron/domain/workflow/validate-workflow';

const catalog = loadCatalog();
const installedApps = new Set(catalog.apps.map((a) => a.id));

describe('which triggers an admin may choose', () => {
  it('a new workflow is offered every trigger but the deprecated ones (the legacy Enquire trigger, "Customer left segment")', () => {
    const hidden = catalog.apps.flatMap((app) =>
      app.triggers.filter((t) => !offeredTriggers(app, null).includes(t)).map((t) => `${app.id}:${t.handle}`),
    );
    expect(hidden).toEqual(['shopify:customer_left_segment', 'enquire:survey_response_created_legacy']);
  });

  it('a workflow whose saved version starts with a deprecated trigger is offered that one too, and no other deprecated one', () => {
    const enquire = catalog.app('enquire')!;
    const shopify = catalog.app('shopify')!;
    const kept = 'enquire:survey_response_created_legacy';
    expect(offeredTriggers(enquire, kept).map((t) => t.handle)).toContain('survey_response_created_legacy');
    expect(offeredTriggers(shopify, kept).map((t) => t.handle)).not.toContain('customer_left_segment');
    // In the catalog's order, as the picker lists them.
    expect(offeredTriggers(enquire, kept)).toEqual(enquire.triggers);
  });

  it('validation refuses exactly the triggers that are not offered, new or kept', () => {
    for (const app of catalog.apps) {
      for (const trigger of app.triggers) {
        for (const kept of [null, `${app.id}:${trigger.handle}`]) {
          const problems = validateWorkflow(
            { trigger: { id: 'trigger', task: { app: app.id, handle: trigger.handle }, config: {} }, steps: [] },
            { catalog, installedApps, previousTriggerKey: kept },
          );
          const refused = problems.some((p) => p.code === 'deprecated_trigger' && p.severity === 'error');
          expect(refused, `${app.id}:${trigger.handle} kept from ${kept}`).toBe(!isTriggerOffered(app.id, trigger, kept));
        }
      }
    }
  });
});
