import { describe, expect, it } from 'vitest';
import { pathTaken, visitsOfPlan, visitsOfRun } from '../../../electron/domain/canvas/path-taken';
import { edgeId, endId, workflowGraph } from '../../../electron/domain/canvas/workflow-graph';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { orderTagDefinition } from '../../support/transfer-fixture';

const definition: WorkflowDefinition = {
  ...orderTagDefinition,
  steps: [...orderTagDefinition.steps, { id: 'pause', kind: 'wait', seconds: 60 }],
};
const graph = workflowGraph(definition);

describe('the path a run took, on the canvas', () => {
  it('marks the Otherwise branch when the condition was false, and leaves Then unmarked', () => {
    const path = pathTaken(
      graph,
      visitsOfPlan([
        { kind: 'condition', stepId: 'big', result: false },
        { kind: 'action', stepId: 'tag' },
        { kind: 'wait', stepId: 'pause' },
      ]),
    );
    expect([...path.steps].sort()).toEqual(['big', endId('big', 'else'), endId(null, 'steps'), 'pause', 'tag', 'trigger'].sort());
    expect(path.edges.has(edgeId('big', 'else', 'tag'))).toBe(true);
    expect(path.edges.has(edgeId('big', 'then', 'points'))).toBe(false);
    expect(path.edges.has(edgeId(endId('big', 'else'), 'output', 'pause'))).toBe(true);
    expect(path.edges.has(edgeId(endId('big', 'then'), 'output', 'pause'))).toBe(false);
  });

  it('stops where the run stopped: a skipped step and what follows it are not on the path', () => {
    const path = pathTaken(
      graph,
      visitsOfRun([
        { kind: 'condition', stepId: 'big', status: 'succeeded', outputs: { result: true } },
        { kind: 'skipped', stepId: 'points', status: 'skipped', outputs: null },
      ]),
    );
    expect(path.steps.has('big')).toBe(true);
    expect(path.steps.has('points')).toBe(false);
    expect(path.steps.has('pause')).toBe(false);
  });

  it('a condition that could not be evaluated takes neither branch; nothing ran, nothing is marked', () => {
    const failed = pathTaken(graph, visitsOfRun([{ kind: 'condition', stepId: 'big', status: 'failed', outputs: { result: null } }]));
    expect([...failed.edges]).toEqual([edgeId('trigger', 'output', 'big')]);
    expect(pathTaken(graph, []).steps.size).toBe(0);
  });
});
