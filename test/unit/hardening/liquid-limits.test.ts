import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { compileInputs } from '../../../electron/domain/liquid/render-inputs';
import { MAX_RENDERED_FIELD_CHARS } from '../../../electron/domain/liquid/liquid-limits';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { bigOrder, openRuntimeApp, orgWithStore } from '../runtime/fixture';

/**
 * Finding 2: `{% for i in (1..1000000) %}x{% endfor %}` in a dry run blocked the server 1.4 s and returned
 * 4 MB; validation said nothing. Now it is a validation error at its field and an error at its step.
 */
const tempDir = useTempDir();
const opened: AppContext[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) app.close();
});

const hostile = {
  'a million-step loop': '{% for i in (1..1000000) %}x{% endfor %}',
  'a string doubled to megabytes':
    '{% assign s = "xxxxxxxxxxxxxxxx" %}{% for i in (1..18) %}{% assign s = s | append: s %}{% endfor %}{{ s }}',
  'nested loops': '{% for a in (1..1000) %}{% for b in (1..1000) %}y{% endfor %}{% endfor %}',
  'output over the field cap': `{% for i in (1..9000) %}0123456789{% endfor %}`,
  'a template over the parse limit': `{{ order.id }}${'x'.repeat(25_000)}`,
};

function withNote(note: string) {
  return {
    trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
    steps: [
      {
        id: 'note',
        kind: 'action' as const,
        task: { app: 'shopify', handle: 'add_order_note' },
        inputs: { order_id: 'order.id', note },
      },
    ],
  };
}

describe('hostile Liquid', () => {
  for (const [what, template] of Object.entries(hostile)) {
    it(`${what}: a validation error at its field, an error at its step in a dry run, and a small answer`, async () => {
      const app = await openRuntimeApp(tempDir());
      opened.push(app);
      const org = await orgWithStore(app);
      const checked = await call(app, 'workflows.validate', { organizationId: org.organizationId, definition: withNote(template) });
      expect(checked.valid).toBe(false);
      expect(checked.problems).toEqual([
        expect.objectContaining({ code: 'invalid_liquid', stepId: 'note', field: 'note', message: expect.stringMatching(/limit|at most/) }),
      ]);

      const dry = await call(app, 'runtime.dryRun', {
        organizationId: org.organizationId,
        definition: withNote(template),
        payload: bigOrder,
      });
      expect(JSON.stringify(dry).length).toBeLessThan(20_000);
      const action = dry.actions.find((a) => a.stepId === 'note')!;
      expect(JSON.stringify(action)).toMatch(/note/);
      expect(JSON.stringify(action)).toMatch(/limit|at most|Liquid/i);
    });
  }

  it('at run time the field is an error, the others still render', () => {
    for (const template of Object.values(hostile)) {
      const rendered = compileInputs({ order_id: '{{ order.id }}', note: template }).render({ order: { id: 'gid://shopify/Order/1' } });
      expect(rendered.values).toEqual({ order_id: 'gid://shopify/Order/1' });
      expect(rendered.errors).toEqual([{ field: 'note', message: expect.stringMatching(/limit|at most/i) }]);
    }
  });

  it('real fields stay well inside the limits', () => {
    const rendered = compileInputs({ note: '{% for li in order.lineItems %}{{ li.title }} × {{ li.quantity }}\n{% endfor %}' }).render({
      order: { lineItems: Array.from({ length: 500 }, (_, i) => ({ title: `Wool sweater ${i}`, quantity: 2 })) },
    });
    expect(rendered.errors).toEqual([]);
    expect(rendered.values.note!.length).toBeLessThan(MAX_RENDERED_FIELD_CHARS);
  });
});
