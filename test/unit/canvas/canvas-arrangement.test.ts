import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { placeGraph } from '../../../electron/domain/canvas/canvas-arrangement';
import { moveTargets } from '../../../electron/domain/canvas/canvas-drop';
import { CARD, sizeOf } from '../../../electron/domain/canvas/canvas-layout';
import { addStep, moveStep, subtreeIds } from '../../../electron/domain/canvas/step-move';
import { workflowGraph, type Place } from '../../../electron/domain/canvas/workflow-graph';
import type { Step, StepPosition, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { importFlowText } from '../../../electron/transfer/flow-file/import-flow';
import { flowFixture } from '../../support/transfer-fixture';

/**
 * Adding or moving a step on an arranged canvas must leave no card on top of another, and leave every card
 * the change does not reach where the admin put it. Checked on real .flow exports with positions: nested
 * conditions on both branches, branches that join again, a For each with a Wait after it.
 */
const catalog = loadCatalog();
const arranged = (file: string): WorkflowDefinition => {
  const definition = importFlowText(flowFixture(file), file, catalog).definition;
  if (!definition.positions) throw new Error(`${file} has no arrangement`);
  return definition;
};
const shapes = [
  'risky-orders-nested.flow',
  'branches-join.flow',
  'foreach-and-wait.flow',
  'arranged-canvas.flow',
  'inventory-out-of-stock.flow',
];
const note = (id: string): Step => ({ id, kind: 'action', task: { app: 'shopify', handle: 'add_order_note' }, inputs: { note: id } });

function findStep(steps: readonly Step[], id: string): Step | undefined {
  for (const step of steps) {
    if (step.id === id) return step;
    const inner = step.kind === 'condition' ? [...step.then, ...step.else] : step.kind === 'foreach' ? step.body : [];
    const found = findStep(inner, id);
    if (found) return found;
  }
  return undefined;
}

type Rect = { id: string; x: number; y: number };
/** The cards (not the "+" ends) as the canvas draws them after the change. */
function cardsOf(definition: Pick<WorkflowDefinition, 'trigger' | 'steps' | 'positions'>): Rect[] {
  const graph = workflowGraph(definition);
  const at = placeGraph(graph, definition.positions);
  return graph.nodes.filter((n) => n.kind !== 'end').map((n) => ({ id: n.id, ...at[n.id]! }));
}
function overlapping(cards: readonly Rect[]): string[] {
  const out: string[] = [];
  for (const [i, a] of cards.entries())
    for (const b of cards.slice(i + 1))
      if (a.x < b.x + CARD.width && b.x < a.x + CARD.width && a.y < b.y + CARD.height && b.y < a.y + CARD.height)
        out.push(`${a.id} × ${b.id}`);
  return out;
}
/** "+" ends drawn on a card: the admin could not see or click them. */
function endsOnCards(definition: Pick<WorkflowDefinition, 'trigger' | 'steps' | 'positions'>): string[] {
  const graph = workflowGraph(definition);
  const at = placeGraph(graph, definition.positions);
  const box = (id: string, kind: Parameters<typeof sizeOf>[0]['kind']) => ({ ...at[id]!, ...sizeOf({ kind }) });
  const ends = graph.nodes.filter((n) => n.kind === 'end').map((n) => ({ id: n.id, ...box(n.id, n.kind) }));
  const cards = graph.nodes.filter((n) => n.kind !== 'end').map((n) => ({ id: n.id, ...box(n.id, n.kind) }));
  const out: string[] = [];
  for (const [i, end] of ends.entries())
    for (const other of [...cards, ...ends.slice(i + 1)])
      if (end.x < other.x + other.width && other.x < end.x + end.width && end.y < other.y + other.height && other.y < end.y + end.height)
        out.push(`${end.id} on ${other.id}`);
  return out;
}
/** Every place a "+" offers: each line's and each end's. */
function placesIn(definition: WorkflowDefinition): Place[] {
  const graph = workflowGraph(definition);
  const seen = new Map<string, Place>();
  for (const edge of graph.edges) seen.set(JSON.stringify(edge.insert), edge.insert);
  for (const node of graph.nodes) if (node.kind === 'end' && node.place) seen.set(JSON.stringify(node.place), node.place);
  return [...seen.values()];
}
/** Cards whose place changed: they may only have gone straight down. */
function changed(before: Readonly<Record<string, StepPosition>>, after: Readonly<Record<string, StepPosition>>): string[] {
  return Object.keys(before).filter((id) => after[id]![0] !== before[id]![0] || after[id]![1] !== before[id]![1]);
}

describe('an added step on an arranged canvas', () => {
  it.each(shapes)('covers no card and leaves the cards above it where they were, wherever it is added (%s)', (file) => {
    const definition = arranged(file);
    expect(overlapping(cardsOf(definition))).toEqual([]);
    for (const place of placesIn(definition)) {
      const added = addStep(definition, place, note('added'));
      const where = `${file}, added at ${JSON.stringify(place)}`;
      expect(overlapping(cardsOf({ ...definition, ...added })), where).toEqual([]);
      const saved = added.positions!;
      expect(saved.added, where).toBeDefined();
      for (const id of changed(definition.positions!, saved)) {
        expect(saved[id]![0], `${where}: ${id} moved sideways`).toBe(definition.positions![id]![0]);
        expect(saved[id]![1], `${where}: ${id} moved up`).toBeGreaterThan(definition.positions![id]![1]);
        expect(definition.positions![id]![1] + CARD.height, `${where}: ${id} was above the new card`).toBeGreaterThan(saved.added![1]);
      }
    }
  });

  it('pushes the branch below down when a step goes in between two cards, and nothing beside it', () => {
    // risky-orders-nested: every card in one column, 200 px apart; the inner condition's Then action sits right below it.
    const definition = arranged('risky-orders-nested.flow');
    const before = definition.positions!;
    const outer = definition.steps[0] as Extract<Step, { kind: 'condition' }>;
    const inner = outer.then[0] as Extract<Step, { kind: 'condition' }>;
    const added = addStep(definition, { parentId: inner.id, branch: 'then', index: 0 }, note('added'));
    const saved = added.positions!;
    // The new card goes below the inner condition, where its Then action was; that action and all below it go down.
    expect(saved.added).toEqual([0, before[inner.id]![1] + CARD.height + 64]);
    const innerThen = inner.then[0]!.id;
    expect(saved[innerThen]![1]).toBeGreaterThan(saved.added![1] + CARD.height);
    for (const id of [definition.trigger!.id, outer.id, inner.id]) expect(saved[id]).toEqual(before[id]);
    expect(overlapping(cardsOf({ ...definition, ...added }))).toEqual([]);
  });

  it('without an arrangement saves none (the automatic layout places it)', () => {
    const { positions: _, ...plain } = arranged('foreach-and-wait.flow');
    expect(addStep(plain, { parentId: null, branch: 'steps', index: 1 }, note('added')).positions).toBeUndefined();
  });

  it('refuses a place whose list does not exist, naming it', () => {
    const definition = arranged('foreach-and-wait.flow');
    const loop = definition.steps[0]!.id;
    expect(() => addStep(definition, { parentId: loop, branch: 'then', index: 0 }, note('added'))).toThrow(
      new RegExp(`step ${loop} has no list "then"`),
    );
  });
});

describe('the "+" ends on an arranged canvas', () => {
  it.each(shapes)('sit on no card and on no other end, as imported and after a step is added anywhere (%s)', (file) => {
    const definition = arranged(file);
    expect(endsOnCards(definition)).toEqual([]);
    for (const place of placesIn(definition))
      expect(
        endsOnCards({ ...definition, ...addStep(definition, place, note('added')) }),
        `${file}, added at ${JSON.stringify(place)}`,
      ).toEqual([]);
  });

  it("puts an empty branch's end left of the column when the admin's single column has a card where it would go", () => {
    // risky-orders-nested: every card in one column; the inner condition's Otherwise is empty, and so is a Then.
    const definition = arranged('risky-orders-nested.flow');
    const graph = workflowGraph(definition);
    const at = placeGraph(graph, definition.positions);
    const moved = graph.nodes.filter((n) => n.kind === 'end' && at[n.id]!.x + sizeOf(n).width <= 0);
    expect(moved.length).toBeGreaterThan(0);
  });
});

describe('a moved step on an arranged canvas', () => {
  it.each(shapes)('covers no card, its own cards keep their shape, and cards above where it lands stay (%s)', (file) => {
    const definition = arranged(file);
    const before = definition.positions!;
    const graph = workflowGraph(definition);
    for (const node of graph.nodes.filter((n) => n.kind !== 'end' && n.kind !== 'trigger')) {
      for (const target of moveTargets(graph, definition.steps, node.id)) {
        const moved = moveStep(definition, node.id, target.place);
        const where = `${file}, ${node.id} moved to ${target.id}`;
        expect(overlapping(cardsOf({ ...definition, ...moved })), where).toEqual([]);
        const saved = moved.positions!;
        const carried = subtreeIds(findStep(definition.steps, node.id)!);
        for (const id of changed(before, saved)) {
          if (carried.has(id)) continue;
          expect(saved[id]![0], `${where}: ${id} moved sideways`).toBe(before[id]![0]);
          expect(saved[id]![1], `${where}: ${id} moved up`).toBeGreaterThan(before[id]![1]);
        }
      }
    }
  });

  it('a condition moved into a loop brings its branches along and pushes the steps after the loop down', () => {
    // foreach-and-wait: the loop (its body to the right), a Wait and an action below it in one column.
    const definition = arranged('foreach-and-wait.flow');
    const before = definition.positions!;
    const [loop, wait, last] = definition.steps as [Step, Step, Step];
    const withCondition: WorkflowDefinition = {
      ...definition,
      steps: [
        {
          id: 'big',
          kind: 'condition',
          condition: { kind: 'compare', field: 'order.totalPrice', operator: 'greater_than', value: 100 },
          then: [note('then')],
          else: [note('else')],
        },
        ...definition.steps,
      ],
      positions: {
        ...before,
        big: [0, 200],
        then: [-200, 400],
        else: [200, 400],
        ...Object.fromEntries(
          Object.entries(before)
            .filter(([id]) => id !== definition.trigger!.id)
            .map(([id, [x, y]]) => [id, [x, y + 400]]),
        ),
      },
    };
    const was = withCondition.positions!;
    expect(overlapping(cardsOf(withCondition))).toEqual([]);
    // Dropped on the line into the loop's body: it goes first in the body, below and right of the loop.
    const moved = moveStep(withCondition, 'big', { parentId: loop.id, branch: 'body', index: 0 });
    const saved = moved.positions!;
    const body = (loop as Extract<Step, { kind: 'foreach' }>).body[0]!.id;
    expect(saved.big).toEqual([was[loop.id]![0] + CARD.width + 48, was[loop.id]![1] + CARD.height + 64]);
    expect([saved.then![0] - saved.big![0], saved.then![1] - saved.big![1]]).toEqual([-200, 200]);
    expect([saved.else![0] - saved.big![0], saved.else![1] - saved.big![1]]).toEqual([200, 200]);
    // The body's action was where the condition landed: it goes below the condition's branches. The action after
    // the loop was under the Then branch: it goes down too. The trigger, the loop and the Wait stay.
    expect(saved[body]![1]).toBeGreaterThan(saved.else![1] + CARD.height);
    expect(saved[last.id]![0]).toBe(was[last.id]![0]);
    expect(saved[last.id]![1]).toBeGreaterThan(saved.then![1] + CARD.height);
    for (const id of [definition.trigger!.id, loop.id, wait.id]) expect(saved[id]).toEqual(was[id]);
    expect(overlapping(cardsOf({ ...withCondition, ...moved }))).toEqual([]);
  });
});
