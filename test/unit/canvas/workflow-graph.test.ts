import { describe, expect, it } from 'vitest';
import { arrangementOf, placeGraph } from '../../../electron/domain/canvas/canvas-arrangement';
import { autoLayout, CARD } from '../../../electron/domain/canvas/canvas-layout';
import { endId, neighbours, tabOrder, workflowGraph, type CanvasGraph } from '../../../electron/domain/canvas/workflow-graph';
import type { Step, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { orderTagDefinition } from '../../support/transfer-fixture';

const action = (id: string): Step => ({ id, kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { tags: id } });
const edgeOf = (graph: CanvasGraph, source: string, target: string) => graph.edges.find((e) => e.source === source && e.target === target);

/** Order created → condition (Then: points · Otherwise: tag) → wait → For each (body: note). */
const branching: WorkflowDefinition = {
  ...orderTagDefinition,
  steps: [
    ...orderTagDefinition.steps,
    { id: 'pause', kind: 'wait', seconds: 3600 },
    { id: 'each', kind: 'foreach', list: 'order.lineItems', body: [action('note')] },
  ],
};

describe('a workflow as the canvas draws it', () => {
  it('has the trigger first and every step in flow order, Then before Otherwise, each list ending in a "+" end', () => {
    const graph = workflowGraph(branching);
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'trigger',
      'big',
      'points',
      endId('big', 'then'),
      'tag',
      endId('big', 'else'),
      'pause',
      'each',
      'note',
      endId('each', 'body'),
      endId(null, 'steps'),
    ]);
  });

  it('labels a condition’s edges Then and Otherwise and joins both branch ends to the step after it', () => {
    const graph = workflowGraph(branching);
    expect(edgeOf(graph, 'big', 'points')).toMatchObject({ port: 'then', insert: { parentId: 'big', branch: 'then', index: 0 } });
    expect(edgeOf(graph, 'big', 'tag')).toMatchObject({ port: 'else', insert: { parentId: 'big', branch: 'else', index: 0 } });
    expect(edgeOf(graph, endId('big', 'then'), 'pause')).toMatchObject({ insert: { parentId: null, branch: 'steps', index: 1 } });
    expect(edgeOf(graph, endId('big', 'else'), 'pause')).toMatchObject({ insert: { parentId: null, branch: 'steps', index: 1 } });
    expect(edgeOf(graph, 'each', 'note')).toMatchObject({ port: 'body' });
    expect(edgeOf(graph, 'each', endId(null, 'steps'))).toMatchObject({ port: 'after' });
  });

  it('puts a step added at a branch end at the end of that branch', () => {
    const graph = workflowGraph(branching);
    expect(graph.nodes.find((n) => n.id === endId('big', 'else'))?.place).toEqual({ parentId: 'big', branch: 'else', index: 1 });
    const empty = workflowGraph({
      trigger: null,
      steps: [{ id: 'c', kind: 'condition', condition: { kind: 'compare', field: 'x', operator: 'is_true' }, then: [], else: [] }],
    });
    expect(edgeOf(empty, 'c', endId('c', 'else'))).toMatchObject({ port: 'else', insert: { parentId: 'c', branch: 'else', index: 0 } });
  });

  it('arrow keys follow edges: next and previous of a condition', () => {
    expect(neighbours(workflowGraph(branching), 'big')).toEqual({ next: ['points', 'tag'], previous: ['trigger'] });
  });
});

describe('where the cards sit', () => {
  it('lays a workflow without an arrangement out top-down: trigger on top, Then left of Otherwise, no cards overlapping', () => {
    const graph = workflowGraph(branching);
    const at = autoLayout(graph);
    expect(at.trigger!.y).toBeLessThan(at.big!.y);
    expect(at.big!.y).toBeLessThan(at.points!.y);
    expect(at.points!.x).toBeLessThan(at.tag!.x);
    expect(at.pause!.y).toBeGreaterThan(Math.max(at.points!.y, at.tag!.y));
    const cards = graph.nodes.filter((n) => n.kind !== 'end').map((n) => at[n.id]!);
    for (const [i, a] of cards.entries())
      for (const b of cards.slice(i + 1)) expect(Math.abs(a.x - b.x) >= CARD.width || Math.abs(a.y - b.y) >= CARD.height).toBe(true);
  });

  it('keeps the admin’s arrangement, and puts a step added since below the step before it', () => {
    const withNew: WorkflowDefinition = {
      ...orderTagDefinition,
      steps: [{ ...(orderTagDefinition.steps[0] as Extract<Step, { kind: 'condition' }>), else: [action('tag'), action('new')] }],
    };
    const arrangement = { trigger: [500, 0], big: [500, 200], points: [100, 420], tag: [900, 420] } as Record<string, [number, number]>;
    const at = placeGraph(workflowGraph(withNew), arrangement);
    expect(at.trigger).toEqual({ x: 500, y: 0 });
    expect(at.tag).toEqual({ x: 900, y: 420 });
    expect(at.new!.x).toBe(900);
    expect(at.new!.y).toBeGreaterThan(420 + CARD.height);
  });

  it('saves positions of steps and the trigger only, in whole pixels', () => {
    const graph = workflowGraph(orderTagDefinition);
    const saved = arrangementOf(graph, autoLayout(graph));
    expect(Object.keys(saved).sort()).toEqual(['big', 'points', 'tag', 'trigger']);
    for (const [x, y] of Object.values(saved)) expect([Number.isInteger(x), Number.isInteger(y)]).toEqual([true, true]);
  });

  it('lays out a 60-step workflow with nested branches, every step once', () => {
    const steps: Step[] = [];
    for (let i = 0; i < 20; i++)
      steps.push({
        id: `c${i}`,
        kind: 'condition',
        condition: { kind: 'compare', field: 'x', operator: 'is_true' },
        then: [action(`t${i}`)],
        else: [action(`e${i}`)],
      });
    const graph = workflowGraph({ trigger: orderTagDefinition.trigger, steps });
    const at = autoLayout(graph);
    expect(graph.nodes.filter((n) => n.stepId !== null)).toHaveLength(61);
    expect(Object.keys(at)).toHaveLength(graph.nodes.length);
    expect(at.c19!.y).toBeGreaterThan(at.c0!.y);
  });
});

describe('Tab on the canvas', () => {
  it('walks cards and their "+" buttons in flow order: the "+" on a line before the card it leads to, each end after its list', () => {
    const graph = workflowGraph(orderTagDefinition);
    expect(tabOrder(graph, true).map((s) => `${s.kind}:${s.id}`)).toEqual([
      'card:trigger',
      'edge:trigger|output|big',
      'card:big',
      'edge:big|then|points',
      'card:points',
      `end:${endId('big', 'then')}`,
      'edge:big|else|tag',
      'card:tag',
      `end:${endId('big', 'else')}`,
      `end:${endId(null, 'steps')}`,
    ]);
    expect(tabOrder(graph, false).map((s) => s.id)).toEqual(['trigger', 'big', 'points', 'tag']);
  });
});
