import type { Catalog } from '../../domain/catalog/catalog';
import { stepPosition, type StepPosition, type WorkflowDefinition } from '../../domain/workflow/workflow-definition';
import { sameJson } from '../canonical-json';
import { openEnvelope, type HashStatus } from './envelope';
import { Environment } from '../../domain/environment/workflow-environment';
import { walkSteps } from '../../domain/workflow/workflow-definition';
import { FlowFileError, issue, type FlowIssue } from './flow-issue';
import { readFlowDocument, type FlowStep } from './flow-json';
import { buildTree } from './graph-to-tree';
import { KEPT_KEY, linkKey, plainLink, type KeptFlowFile } from './kept-flow-file';
import { conditionEnvironments } from './step-environments';
import { readStep, writeStep, type PlacedStep, type StepCodecContext } from './step-codec';
import { treeToGraph, type GraphNode } from './tree-to-graph';

/** What one .flow file becomes: a workflow name and definition, and what the admin should be told. */
export interface FlowImport {
  name: string;
  definition: WorkflowDefinition;
  hash: HashStatus;
  /** `confirm` and `note` issues; errors are thrown as FlowFileError instead. */
  issues: FlowIssue[];
}

export const MAX_FLOW_FILE_BYTES = 5 * 1024 * 1024;
const MAX_NAME = 120;

export const defaultMetadata = { __metadata: { version: 0.1 } };
export const defaultRootRest = (name: string) => ({
  patched_fields: [],
  variables: [],
  note: null,
  vertical_layout_enabled: true,
  workflow_name: name,
});

/**
 * Reads a .flow file's text into our workflow model. Everything the model does not hold is kept verbatim in
 * `definition.extra.flowFile`, so exporting gives back equivalent JSON.
 * @param fileName used for the name when the file has no `workflow_name`
 * @throws FlowFileError when the file cannot be imported at all, naming the place
 */
export function importFlowText(text: string, fileName: string, catalog: Catalog): FlowImport {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FLOW_FILE_BYTES) {
    throw new FlowFileError(
      issue('file_too_large', 'error', {}, `the file is ${bytes} bytes; a .flow file may be at most ${MAX_FLOW_FILE_BYTES} bytes`),
    );
  }
  const envelope = openEnvelope(text);
  const issues: FlowIssue[] = [];
  if (envelope.hash === 'mismatch') {
    issues.push(
      issue(
        'hash_mismatch',
        'confirm',
        { line: 1, column: 1 },
        `the SHA-256 prefix (${envelope.declaredHash!.slice(0, 12)}…) does not match the JSON (${envelope.actualHash.slice(0, 12)}…): the file was changed after it was exported; import it only if you trust the change`,
      ),
    );
  }
  const document = readFlowDocument(envelope.value);
  const { root } = document;
  const links = root.links ?? [];
  const name = nameOf(root.workflow_name, fileName, issues);

  // Conditions are read twice: first to place the steps (the trigger's data is all that is known then), then
  // with the data each one reads where it stands (earlier steps' outputs, a For each's item), as an export
  // writes them. Each step's issues stay in the file's order.
  const triggerRaw = root.steps.find((s) => s.task_type.toUpperCase() === 'TRIGGER');
  const found = triggerRaw ? catalog.findTask(triggerRaw.task_id) : undefined;
  const triggerEnv = found?.kind === 'trigger' ? Environment.ofTrigger(found.task, catalog.schema) : null;
  const first: StepCodecContext = { catalog, environmentOf: () => triggerEnv };
  const read = new Map<string, PlacedStep>();
  const stepIssues: FlowIssue[][] = root.steps.map((step, i) => {
    const own: FlowIssue[] = [];
    read.set(step.step_id, readStep(step, i, first, own));
    return own;
  });

  const treeIssues: FlowIssue[] = [];
  const tree = buildTree(root.steps, links, read, treeIssues);
  const definition: WorkflowDefinition = { trigger: tree.trigger, steps: tree.steps };
  const environments = conditionEnvironments(definition, catalog);
  const ctx: StepCodecContext = { catalog, environmentOf: (id) => environments.get(id) ?? triggerEnv };
  const indexOf = new Map(root.steps.map((s, i) => [s.step_id, i]));
  for (const step of walkSteps(definition.steps)) {
    if (step.kind !== 'condition' || !environments.has(step.id)) continue;
    const i = indexOf.get(step.id)!;
    const own: FlowIssue[] = [];
    const again = readStep(root.steps[i]!, i, ctx, own);
    if (again.kind === 'step' && again.step.kind === 'condition') step.condition = again.step.condition;
    stepIssues[i] = own;
  }
  issues.push(...stepIssues.flat(), ...treeIssues);

  const kept: KeptFlowFile = {};
  const graph = treeToGraph(tree.trigger, tree.steps);
  const rawById = new Map(root.steps.map((s) => [s.step_id, s]));
  for (const node of graph.nodes) {
    const id = node.placed.kind === 'trigger' ? node.placed.trigger.id : node.placed.step.id;
    const raw = rawById.get(id)!;
    if (!sameJson(raw, writeStep(node.placed, node.position, null, ctx))) (kept.steps ??= {})[id] = raw;
  }
  const positions = filePositions(graph.nodes, rawById);
  if (positions) definition.positions = positions;
  const unlinkedSteps: FlowStep[] = tree.unlinkedSteps;
  if (unlinkedSteps.length) kept.unlinkedSteps = unlinkedSteps;

  // Links the default drawing would not write are kept; links it would write that the file lacks are dropped.
  const drawn = new Set(graph.links.map(linkKey));
  const unlinkedLinks = [...tree.unlinkedLinks, ...links.filter((l) => tree.usedLinks.has(linkKey(l)) && !drawn.has(linkKey(l)))];
  if (unlinkedLinks.length) kept.unlinkedLinks = unlinkedLinks;
  const fileLinks = new Set(links.map(linkKey));
  const dropLinks = graph.links.map(linkKey).filter((k) => !fileLinks.has(k));
  if (dropLinks.length) kept.dropLinks = dropLinks;
  for (const link of links) {
    const key = linkKey(link);
    if (drawn.has(key) && tree.usedLinks.has(key) && !sameJson(link, plainLink(link.from_step_id, link.from_port_id, link.to_step_id)))
      (kept.links ??= {})[key] = link;
  }

  const stepOrder = root.steps.map((s) => s.step_id);
  const defaultStepOrder = [
    ...graph.nodes.map((n) => (n.placed.kind === 'trigger' ? n.placed.trigger.id : n.placed.step.id)),
    ...unlinkedSteps.map((s) => s.step_id),
  ];
  if (!sameJson(stepOrder, defaultStepOrder)) kept.stepOrder = stepOrder;
  const linkOrder = links.map(linkKey);
  const defaultLinkOrder = [...graph.links.map(linkKey).filter((k) => fileLinks.has(k)), ...unlinkedLinks.map(linkKey)];
  if (!sameJson(linkOrder, defaultLinkOrder)) kept.linkOrder = linkOrder;

  const { steps: _steps, links: _links, ...rootRest } = root;
  if (!sameJson(rootRest, defaultRootRest(name))) {
    kept.root = rootRest;
    kept.importedName = name;
  }
  const { root: _root, ...top } = document;
  if (!sameJson(top, defaultMetadata)) kept.top = top;

  if (Object.keys(kept).length) definition.extra = { [KEPT_KEY]: kept };
  return { name, definition, hash: envelope.hash, issues };
}

function nameOf(workflowName: string | null | undefined, fileName: string, issues: FlowIssue[]): string {
  const fromFile = (fileName.split('/').pop() ?? fileName).replace(/\.flow$/i, '').trim();
  const name = (typeof workflowName === 'string' && workflowName.trim()) || fromFile || 'Imported workflow';
  if (name.length <= MAX_NAME) return name.trim();
  issues.push(
    issue(
      'name_shortened',
      'note',
      { path: 'root.workflow_name' },
      `the name is ${name.length} characters; it is shortened to ${MAX_NAME}`,
    ),
  );
  return name.slice(0, MAX_NAME).trim();
}

/**
 * The admin's arrangement in the file, by step id, for the canvas: every tree step's `step_position`, when
 * at least one differs from the default drawing an export writes (a file that has only the default drawing
 * carries no arrangement, so the canvas lays it out itself). Steps without a readable position are left out.
 */
function filePositions(nodes: readonly GraphNode[], rawById: ReadonlyMap<string, FlowStep>): Record<string, StepPosition> | null {
  const out: Record<string, StepPosition> = {};
  let arranged = false;
  for (const node of nodes) {
    const id = node.placed.kind === 'trigger' ? node.placed.trigger.id : node.placed.step.id;
    const read = stepPosition.safeParse(rawById.get(id)?.step_position);
    if (!read.success) continue;
    out[id] = read.data;
    if (!sameJson(read.data, node.position)) arranged = true;
  }
  return arranged ? out : null;
}
