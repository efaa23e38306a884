import type { Catalog } from '../../domain/catalog/catalog';
import type { WorkflowDefinition } from '../../domain/workflow/workflow-definition';
import { sameJson } from '../canonical-json';
import { sealEnvelope } from './envelope';
import type { FlowLink, FlowStep } from './flow-json';
import { defaultMetadata, defaultRootRest } from './import-flow';
import { keptOf, linkKey } from './kept-flow-file';
import { ownContent, readStep, writeStep, type StepCodecContext } from './step-codec';
import { conditionEnvironments } from './step-environments';
import { treeToGraph } from './tree-to-graph';

export interface FlowExport {
  /** The JSON after the prefix. */
  json: string;
  /** The whole file: `<sha256>:<json>`. */
  text: string;
}

/**
 * Writes a workflow as a .flow file. Steps unchanged since import are written exactly as the file had them;
 * changed ones keep what the model does not hold (note, unknown keys); positions come from the canvas's
 * arrangement (`definition.positions`) where it has one; steps and links that were
 * kept verbatim are written back. Always with the SHA-256 prefix.
 */
export function exportFlow(name: string, definition: WorkflowDefinition, catalog: Catalog): FlowExport {
  const kept = keptOf(definition);
  const environments = conditionEnvironments(definition, catalog);
  const ctx: StepCodecContext = { catalog, environmentOf: (id) => environments.get(id) ?? null };
  const graph = treeToGraph(definition.trigger, definition.steps);

  const steps: FlowStep[] = graph.nodes.map((node) => {
    const id = node.placed.kind === 'trigger' ? node.placed.trigger.id : node.placed.step.id;
    const original = kept.steps?.[id] ?? null;
    const written =
      original && sameJson(ownContent(readStep(original, 0, ctx, [])), ownContent(node.placed))
        ? original
        : writeStep(node.placed, node.position, original, ctx);
    // The canvas's arrangement wins over the file's own position and the default drawing.
    const arranged = definition.positions?.[id];
    return arranged && !sameJson(written.step_position, arranged) ? { ...written, step_position: arranged } : written;
  });
  steps.push(...(kept.unlinkedSteps ?? []));

  const dropped = new Set(kept.dropLinks ?? []);
  const links: FlowLink[] = graph.links.filter((l) => !dropped.has(linkKey(l))).map((l) => kept.links?.[linkKey(l)] ?? l);
  links.push(...(kept.unlinkedLinks ?? []));

  const rest: Record<string, unknown> = kept.root ? { ...kept.root } : defaultRootRest(name);
  const nameWasAbsent = kept.root !== undefined && !('workflow_name' in kept.root) && name === kept.importedName;
  if (!nameWasAbsent) rest.workflow_name = name;
  const root = {
    steps: inOrder(steps, (s) => s.step_id, kept.stepOrder),
    links: inOrder(links, linkKey, kept.linkOrder),
    ...rest,
  };
  const json = JSON.stringify({ ...(kept.top ?? defaultMetadata), root });
  return { json, text: sealEnvelope(json) };
}

/** Items in the file's order where it is known; new ones after, in drawing order. */
function inOrder<T>(items: T[], key: (item: T) => string, order: readonly string[] | undefined): T[] {
  if (!order) return items;
  const rank = new Map<string, number>();
  order.forEach((k, i) => {
    if (!rank.has(k)) rank.set(k, i);
  });
  return items
    .map((item, i) => ({ item, r: rank.get(key(item)) ?? order.length + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.item);
}

/** A file name for a workflow: its name without characters file systems refuse, plus `.flow`. */
export function flowFileName(name: string): string {
  const safe = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold.
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${safe || 'workflow'}.flow`;
}
