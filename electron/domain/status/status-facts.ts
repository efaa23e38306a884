import type { Catalog } from '../catalog/catalog';
import { missingSetup } from '../organization/setup-progress';
import type { ValidationProblem } from '../workflow/validation-problem';

/**
 * The plain data a workflow's status in a store is computed from. Built once per store and once per
 * workflow, so each (workflow, store) pair costs a few set lookups.
 */
export interface StoreFacts {
  id: string;
  name: string;
  flowInstalled: boolean;
  flowUninstalledAt: string | null;
  /** Installed apps → setup step keys still to do (empty: set up). */
  installations: ReadonlyMap<string, readonly string[]>;
  /** Apps Flow holds a connection for in this store (R7). */
  connections: ReadonlySet<string>;
  /** Apps a workflow may use here: installed, set up, and connected when Flow keeps their connection. */
  ready: ReadonlySet<string>;
}

export interface WorkflowFacts {
  id: string;
  name: string;
  /** The current version, whose check these facts hold (routing compiles that version). */
  version: number;
  /** Connector apps its trigger and actions use (never Shopify's own). */
  appsUsed: readonly string[];
  /** What validation of the current version found, errors and warnings. */
  problems: readonly ValidationProblem[];
  /** The errors among the problems: any makes the workflow invalid wherever it is enabled. */
  errors: readonly ValidationProblem[];
}

/** What the admin asked for in one store; null when it was never enabled there. */
export interface ActivationFacts {
  enabled: boolean;
  /** Set when uninstalling the Flow app switched it off (R8). */
  deactivatedAt: string | null;
}

export interface StoreFactsInput {
  id: string;
  name: string;
  flowInstalled: boolean;
  flowUninstalledAt: string | null;
  installations: Iterable<{ appId: string; setupDone: readonly string[] }>;
  connections: Iterable<string>;
}

export function buildStoreFacts(input: StoreFactsInput, catalog: Catalog): StoreFacts {
  const installations = new Map<string, readonly string[]>();
  for (const { appId, setupDone } of input.installations) installations.set(appId, missingSetup(catalog.app(appId), setupDone));
  const connections = new Set(input.connections);
  const ready = new Set<string>();
  for (const [appId, missing] of installations) {
    if (missing.length > 0) continue;
    if (catalog.app(appId)?.flowConnection && !connections.has(appId)) continue;
    ready.add(appId);
  }
  return { ...pick(input), installations, connections, ready };
}

function pick({ id, name, flowInstalled, flowUninstalledAt }: StoreFactsInput) {
  return { id, name, flowInstalled, flowUninstalledAt };
}

export function buildWorkflowFacts(
  id: string,
  name: string,
  appsUsed: readonly string[],
  problems: readonly ValidationProblem[],
  version = 1,
): WorkflowFacts {
  return { id, name, version, appsUsed, problems, errors: problems.filter((p) => p.severity === 'error') };
}
