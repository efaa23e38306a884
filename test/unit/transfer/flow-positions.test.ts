import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { parseStoredDefinition, storedDefinitionText } from '../../../electron/domain/workflow/stored-definition';
import type { Step, StepPosition, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { exportFlow } from '../../../electron/transfer/flow-file/export-flow';
import type { FlowDocument } from '../../../electron/transfer/flow-file/flow-json';
import { importFlowText } from '../../../electron/transfer/flow-file/import-flow';
import { flowFixture, orderTagDefinition } from '../../support/transfer-fixture';

const catalog = loadCatalog();
const documentOf = (text: string) => JSON.parse(text.slice(65)) as FlowDocument;
const positionsIn = (text: string) => Object.fromEntries(documentOf(text).root.steps.map((s) => [s.step_id, s.step_position]));

describe('step positions (the canvas arrangement) in .flow files', () => {
  it('a file arranged by hand gives the workflow every step_position as its arrangement', () => {
    const file = flowFixture('branches-join.flow');
    const imported = importFlowText(file, 'branches-join.flow', catalog);
    const inFile = positionsIn(file);
    expect(imported.definition.positions).toBeDefined();
    for (const [id, position] of Object.entries(imported.definition.positions!)) expect(position).toEqual(inFile[id]);
  });

  it('a file with only the default drawing carries no arrangement, so the canvas lays it out itself', () => {
    const plain = exportFlow('Plain', orderTagDefinition, catalog).text;
    expect(importFlowText(plain, 'Plain.flow', catalog).definition.positions).toBeUndefined();
  });

  it('exports the arrangement into step_position, and a round trip keeps it and the structure', () => {
    const positions: Record<string, StepPosition> = { trigger: [40, -10], big: [40, 180], points: [-160, 380], tag: [260, 400] };
    const arranged: WorkflowDefinition = { ...orderTagDefinition, positions };
    const text = exportFlow('Arranged', arranged, catalog).text;
    expect(positionsIn(text)).toEqual(arranged.positions);
    const again = importFlowText(text, 'Arranged.flow', catalog).definition;
    expect(again.positions).toEqual(arranged.positions);
    expect(again.steps).toEqual(arranged.steps);
    expect(again.trigger).toEqual(arranged.trigger);
  });

  it('a step moved on the canvas after import is written at its new place; untouched steps keep the file position', () => {
    const file = flowFixture('order-tags-condition.flow');
    const imported = importFlowText(file, 'order-tags-condition.flow', catalog).definition;
    const before = positionsIn(file) as Record<string, StepPosition>;
    const moved = (imported.steps[0] as Step).id;
    const edited: WorkflowDefinition = {
      ...imported,
      positions: { ...(imported.positions ?? before), [moved]: [321, 654] as [number, number] },
    };
    const after = positionsIn(exportFlow('Moved', edited, catalog).text);
    expect(after[moved]).toEqual([321, 654]);
    for (const id of Object.keys(before).filter((id) => id !== moved)) expect(after[id]).toEqual(before[id]);
  });

  it('a definition saved before the canvas (no positions) is still valid, and positions must be two finite numbers', () => {
    expect(parseStoredDefinition(storedDefinitionText(orderTagDefinition)).positions).toBeUndefined();
    expect(() => parseStoredDefinition(JSON.stringify({ ...orderTagDefinition, positions: { big: [1] } }), 'workflow w1')).toThrow(
      /workflow w1: positions\.big/,
    );
  });
});
