import type { Draft } from './editor-model';

/** An unsaved draft kept in sessionStorage, so a reload or a crashed window can offer it back. */
export interface StoredDraft {
  draft: Draft;
  /** The saved version the draft was based on. */
  basedOn: number;
  keptAt: string;
}

const key = (workflowId: string) => `flow-admin.draft.${workflowId}`;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled: nothing is kept, nothing breaks
  }
}

export function keepDraft(workflowId: string, draft: Draft, basedOn: number): void {
  const stored: StoredDraft = { draft, basedOn, keptAt: new Date().toISOString() };
  try {
    storage()?.setItem(key(workflowId), JSON.stringify(stored));
  } catch {
    // Full or refused: the in-app guard still asks before anything is dropped.
  }
}

export function keptDraft(workflowId: string): StoredDraft | null {
  const text = storage()?.getItem(key(workflowId));
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as StoredDraft;
    return parsed && typeof parsed === 'object' && parsed.draft && typeof parsed.draft.name === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function dropDraft(workflowId: string): void {
  storage()?.removeItem(key(workflowId));
}
