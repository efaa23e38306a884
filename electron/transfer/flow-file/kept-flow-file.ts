import type { WorkflowDefinition } from '../../domain/workflow/workflow-definition';
import type { FlowLink, FlowStep } from './flow-json';

/**
 * What an imported .flow file carried that the workflow model does not hold, kept verbatim in the
 * definition's `extra` under {@link KEPT_KEY}, so an export writes it back. Only what differs from what an
 * export would write anyway is kept: a workflow exported by this app and imported again has nothing kept.
 */
export interface KeptFlowFile {
  /** Top-level keys other than `root` (e.g. `__metadata`). */
  top?: Record<string, unknown>;
  /** `root`'s keys other than `steps` and `links` (patched_fields, variables, note, vertical_layout_enabled, ...). */
  root?: Record<string, unknown>;
  /** The name the workflow had when imported, to tell a rename from a file without `workflow_name`. */
  importedName?: string;
  /** Steps as the file had them (position, note, name, description, unknown keys), by step id. */
  steps?: Record<string, FlowStep>;
  /** The order of the file's steps, by id. */
  stepOrder?: string[];
  /** Links that had more than the four usual keys, by `from|port|to`. */
  links?: Record<string, FlowLink>;
  /** The order of the file's links, by `from|port|to`. */
  linkOrder?: string[];
  /** Steps not connected to the trigger: kept and written back, not shown as part of the tree. */
  unlinkedSteps?: FlowStep[];
  /** Links the default drawing would write that the file did not have (by `from|port|to`). */
  dropLinks?: string[];
  /** Links we could not place (unknown ports, to missing steps, a second link from one port). */
  unlinkedLinks?: FlowLink[];
}

export const KEPT_KEY = 'flowFile';

export function keptOf(definition: WorkflowDefinition): KeptFlowFile {
  const kept = definition.extra?.[KEPT_KEY];
  return kept !== null && typeof kept === 'object' && !Array.isArray(kept) ? (kept as KeptFlowFile) : {};
}

export function linkKey(link: Pick<FlowLink, 'from_step_id' | 'from_port_id' | 'to_step_id'>): string {
  return `${link.from_step_id}|${link.from_port_id}|${link.to_step_id}`;
}

/** The link an export writes between two steps. */
export function plainLink(from: string, port: string, to: string): FlowLink {
  return { from_step_id: from, from_port_id: port, to_step_id: to, to_port_id: 'input' };
}
