import type { Step, TriggerStep } from '../../domain/workflow/workflow-definition';
import { FlowFileError, issue, type FlowIssue } from './flow-issue';
import type { FlowLink, FlowStep } from './flow-json';
import { linkKey } from './kept-flow-file';
import type { PlacedStep } from './step-codec';

/**
 * Flow draws a workflow as steps joined by links from ports (`output`, `true`/`false`, `loop_body`/`after`)
 * to inputs. Ours is a tree: a list of steps where a condition holds its then/else lists and a for-each
 * its body. Walking from the trigger builds the tree; where both branches of a condition lead to the same
 * step (Flow's way of going on after a condition), that step continues the list the condition is in.
 * Steps and links the walk does not reach are returned, to be kept verbatim.
 */
export interface TreeResult {
  trigger: TriggerStep | null;
  steps: Step[];
  /** Ids of the steps placed in the tree, in the order they were reached. */
  placed: string[];
  /** Keys of the links the tree stands for. */
  usedLinks: Set<string>;
  unlinkedSteps: FlowStep[];
  unlinkedLinks: FlowLink[];
}

const MAX_DEPTH = 100;

interface Hop {
  id: string;
  /** The link taken to get there ('' for the step after a condition's branches meet). */
  key: string;
}
/** The ports steps have: output after a trigger, action or wait; true/false after a condition; loop_body/after after a for-each. */
const knownPorts = new Set(['output', 'true', 'false', 'loop_body', 'after']);

export function buildTree(
  steps: readonly FlowStep[],
  links: readonly FlowLink[],
  read: ReadonlyMap<string, PlacedStep>,
  issues: FlowIssue[],
): TreeResult {
  const indexOf = new Map(steps.map((s, i) => [s.step_id, i]));
  const out = new Map<string, FlowLink[]>();
  for (const link of links) {
    const list = out.get(link.from_step_id) ?? [];
    list.push(link);
    out.set(link.from_step_id, list);
  }
  const usedLinks = new Set<string>();
  const visited = new Set<string>();
  const placed: string[] = [];

  const triggers = steps.filter((s) => read.get(s.step_id)?.kind === 'trigger');
  for (const extra of triggers.slice(1)) {
    issues.push(
      issue(
        'extra_trigger',
        'note',
        { path: `root.steps[${indexOf.get(extra.step_id)}]`, stepId: extra.step_id },
        'a workflow has one trigger; this second one and what follows it are kept verbatim but not shown',
      ),
    );
  }
  const first = triggers[0];
  if (!first)
    issues.push(
      issue(
        'no_trigger',
        'note',
        { path: 'root.steps' },
        'the file has no trigger step; the workflow is imported without one, and its steps are kept verbatim',
      ),
    );

  /** The step a port leads to, with the link taken; extra links from the same port stay unused. */
  const follow = (from: string, port: string): Hop | null => {
    const link = (out.get(from) ?? []).find((l) => l.from_port_id === port);
    if (!link || !indexOf.has(link.to_step_id)) return null;
    const key = linkKey(link);
    usedLinks.add(key);
    return { id: link.to_step_id, key };
  };
  const targets = (from: string): string[] => (out.get(from) ?? []).map((l) => l.to_step_id).filter((id) => indexOf.has(id));

  /** Every step reachable from `start`, nearest first. */
  const reachable = (start: string | null): string[] => {
    const seen = new Set<string>();
    const order: string[] = [];
    const queue = start ? [start] : [];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(id);
      queue.push(...targets(id));
    }
    return order;
  };

  /** Where both branches meet: the nearest step reached from both (what follows it is reached through it). */
  const joinOf = (a: Hop | null, b: Hop | null): string | null => {
    if (!a || !b) return null;
    const fromB = new Set(reachable(b.id));
    return reachable(a.id).find((id) => fromB.has(id)) ?? null;
  };

  const walk = (start: Hop | null, stop: ReadonlySet<string>, depth: number): Step[] => {
    if (depth > MAX_DEPTH) {
      throw new FlowFileError(
        issue(
          'too_deeply_nested',
          'error',
          { path: 'root.links', stepId: start?.id },
          `the workflow nests conditions and loops more than ${MAX_DEPTH} levels deep`,
        ),
      );
    }
    const list: Step[] = [];
    let hop = start;
    while (hop !== null && !stop.has(hop.id)) {
      const id = hop.id;
      const node = read.get(id);
      if (visited.has(id) || !node || node.kind === 'trigger') {
        // A link back to a step already placed (a loop) or to a trigger: kept verbatim, not followed.
        usedLinks.delete(hop.key);
        break;
      }
      visited.add(id);
      placed.push(id);
      const step = structuredClone(node.step);
      list.push(step);
      if (step.kind === 'condition') {
        const yes = follow(id, 'true');
        const no = follow(id, 'false');
        const join = joinOf(yes, no);
        const inner = join ? new Set([...stop, join]) : stop;
        step.then = walk(yes, inner, depth + 1);
        step.else = walk(no, inner, depth + 1);
        hop = join && !stop.has(join) ? { id: join, key: '' } : null;
      } else if (step.kind === 'foreach') {
        const after = follow(id, 'after');
        step.body = walk(follow(id, 'loop_body'), after ? new Set([...stop, after.id]) : stop, depth + 1);
        hop = after;
      } else {
        hop = follow(id, 'output');
      }
    }
    return list;
  };

  let trigger: TriggerStep | null = null;
  let tree: Step[] = [];
  if (first) {
    const node = read.get(first.step_id);
    if (node?.kind === 'trigger') trigger = node.trigger;
    visited.add(first.step_id);
    placed.push(first.step_id);
    tree = walk(follow(first.step_id, 'output'), new Set(), 0);
  }

  const unlinkedSteps = steps.filter((s) => !visited.has(s.step_id));
  for (const s of unlinkedSteps) {
    if (read.get(s.step_id)?.kind === 'trigger' && s !== first) continue;
    if (first) {
      issues.push(
        issue(
          'step_not_connected',
          'note',
          { path: `root.steps[${indexOf.get(s.step_id)}]`, stepId: s.step_id },
          'this step is not reached from the trigger; it is kept verbatim and written back on export, but not shown',
        ),
      );
    }
  }
  const unlinkedLinks = links.filter((l) => !usedLinks.has(linkKey(l)) || !visited.has(l.from_step_id));
  for (const link of unlinkedLinks) {
    if (!visited.has(link.from_step_id)) continue;
    const i = links.indexOf(link);
    const why = !indexOf.has(link.to_step_id)
      ? `it leads to a step that is not in the file (${link.to_step_id})`
      : !knownPorts.has(link.from_port_id)
        ? `the port "${link.from_port_id}" is not one this app knows`
        : 'it leads back to a step already placed, or repeats a port';
    issues.push(
      issue(
        'link_kept_verbatim',
        'note',
        { path: `root.links[${i}]`, stepId: link.from_step_id },
        `this link is kept verbatim and written back on export: ${why}`,
      ),
    );
  }
  return { trigger, steps: tree, placed, usedLinks, unlinkedSteps, unlinkedLinks };
}
