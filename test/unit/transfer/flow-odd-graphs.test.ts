import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { canonicalJson } from '../../../electron/transfer/canonical-json';
import { exportFlow } from '../../../electron/transfer/flow-file/export-flow';
import { FlowFileError } from '../../../electron/transfer/flow-file/flow-issue';
import { importFlowText } from '../../../electron/transfer/flow-file/import-flow';
import { keptOf } from '../../../electron/transfer/flow-file/kept-flow-file';

const catalog = loadCatalog();
const step = (id: string, taskId: string, type: string, config: [string, string][] = []) => ({
  step_id: id,
  step_position: [0, 0],
  config_field_values: config.map(([config_field_id, value]) => ({ config_field_id, value })),
  task_id: taskId,
  task_version: '0.1',
  task_type: type,
  description: null,
  note: null,
  name: null,
});
const link = (from: string, port: string, to: string) => ({ from_step_id: from, from_port_id: port, to_step_id: to, to_port_id: 'input' });
const trigger = step('t', 'shopify::admin::order_created', 'TRIGGER');
const tag = (id: string) =>
  step(id, 'shopify::admin::add_order_tags', 'ACTION', [
    ['order_id', 'order.id'],
    ['tags', id],
  ]);
const text = (steps: unknown[], links: unknown[]) =>
  JSON.stringify({ __metadata: { version: 0.1 }, root: { steps, links, workflow_name: 'Odd' } });

/** Imports, checks that the export is equivalent JSON, and returns what was read. */
function roundTrip(json: string) {
  const read = importFlowText(json, 'odd.flow', catalog);
  expect(canonicalJson(JSON.parse(exportFlow(read.name, read.definition, catalog).json))).toBe(canonicalJson(JSON.parse(json)));
  return read;
}

describe('graphs that are not a tree are kept, never lost', () => {
  it('a loop back to an earlier step: the link that closes it is kept verbatim', () => {
    const read = roundTrip(
      text([trigger, tag('a'), tag('b')], [link('t', 'output', 'a'), link('a', 'output', 'b'), link('b', 'output', 'a')]),
    );
    expect(read.definition.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(keptOf(read.definition).unlinkedLinks).toEqual([link('b', 'output', 'a')]);
    expect(read.issues.map((i) => `${i.code} ${i.at.path}`)).toEqual(['link_kept_verbatim root.links[2]']);
  });

  it('a link to a step that is not in the file, and a second link from the same port', () => {
    const read = roundTrip(
      text([trigger, tag('a'), tag('b')], [link('t', 'output', 'a'), link('t', 'output', 'b'), link('a', 'output', 'ghost')]),
    );
    expect(read.definition.steps.map((s) => s.id)).toEqual(['a']);
    expect(read.issues.map((i) => i.code)).toEqual(['step_not_connected', 'link_kept_verbatim', 'link_kept_verbatim']);
    expect(read.issues[2]!.message).toContain('it leads to a step that is not in the file (ghost)');
  });

  it('a link back to the trigger', () => {
    const read = roundTrip(text([trigger, tag('a')], [link('t', 'output', 'a'), link('a', 'output', 't')]));
    expect(read.definition.steps.map((s) => s.id)).toEqual(['a']);
    expect(keptOf(read.definition).unlinkedLinks).toEqual([link('a', 'output', 't')]);
  });

  it('no trigger at all: imported without one, every step kept', () => {
    const read = roundTrip(text([tag('a'), tag('b')], [link('a', 'output', 'b')]));
    expect(read.definition).toMatchObject({ trigger: null, steps: [] });
    expect(read.issues.map((i) => i.code)).toEqual(['no_trigger']);
    expect(keptOf(read.definition).unlinkedSteps?.map((s) => s.step_id)).toEqual(['a', 'b']);
  });

  it('two triggers: the second and what follows it are kept', () => {
    const second = step('t2', 'shopify::admin::order_paid', 'TRIGGER');
    const read = roundTrip(text([trigger, tag('a'), second, tag('b')], [link('t', 'output', 'a'), link('t2', 'output', 'b')]));
    expect(read.definition.steps.map((s) => s.id)).toEqual(['a']);
    expect(read.issues.map((i) => i.code)).toEqual(['extra_trigger', 'step_not_connected']);
  });

  it('a loop body that leads on to the step after the loop', () => {
    const loop = step('f', 'shopify::flow::foreach', 'FOREACH', [['listpath', 'order.tags']]);
    const read = roundTrip(
      text(
        [trigger, loop, tag('a'), tag('b')],
        [link('t', 'output', 'f'), link('f', 'loop_body', 'a'), link('a', 'output', 'b'), link('f', 'after', 'b')],
      ),
    );
    expect(read.definition.steps).toMatchObject([{ id: 'f', kind: 'foreach', list: 'order.tags', body: [{ id: 'a' }] }, { id: 'b' }]);
  });

  it('refuses nesting deeper than it can show, naming the place', () => {
    const steps = [trigger];
    const links = [];
    let from = 't';
    let port = 'output';
    for (let i = 0; i < 120; i++) {
      steps.push(
        step(`c${i}`, 'shopify::flow::condition', 'CONDITION', [
          ['condition', '{"uuid":"u","operator":"AND","operation_type":"LogicalExpression"}'],
        ]),
      );
      links.push(link(from, port, `c${i}`));
      from = `c${i}`;
      port = 'true';
    }
    try {
      importFlowText(text(steps, links), 'deep.flow', catalog);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowFileError);
      expect((error as FlowFileError).issue).toMatchObject({
        code: 'too_deeply_nested',
        message: 'root.links, step c101: the workflow nests conditions and loops more than 100 levels deep',
      });
    }
  });
});
