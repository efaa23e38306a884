import type { Draft } from '../../components/workflow/editor-model';
import { dropDraft, keepDraft, keptDraft, type StoredDraft } from '../../components/workflow/draft-storage';
import type { ValidationProblem } from '$shared/domain/workflow/validation-problem';
import { api, ApiError, type ApiOutput } from '../api/client';
import { LatestRequest } from './latest-request.svelte';

export type WorkflowDetail = ApiOutput<'workflows.get'>;
export type VersionInfo = ApiOutput<'workflows.versions'>[number];

/** Someone saved another version while the admin was editing: what they saved, and when. */
export interface Conflict {
  message: string;
  currentVersion: number | null;
  savedBy: string | null;
  savedAt: string | null;
}

/** How many changes undo can go back. */
const HISTORY = 100;

function snapshot(draft: Draft): string {
  return JSON.stringify(draft);
}

function draftOf(workflow: WorkflowDetail): Draft {
  return { name: workflow.name, description: workflow.description, definition: structuredClone(workflow.definition) };
}

/** Field errors from a refusal (`details.path` or zod's `details.issues`), keyed by the input's top field. */
function fieldErrorsOf(error: ApiError): Record<string, string> {
  const details = error.details;
  const out: Record<string, string> = {};
  if (Array.isArray(details.path) && typeof details.path[0] === 'string') out[details.path[0]] = error.message;
  for (const issue of details.issues ?? []) out[issue.path.split(/[.[]/)[0] ?? ''] ??= issue.message;
  return out;
}

/**
 * The workflow open in the editor: the saved version it is based on, the draft being typed, and the
 * problems the domain finds in the draft. A failed save never touches the draft.
 */
export class WorkflowEditorState {
  workflow = $state.raw<WorkflowDetail | null>(null);
  draft = $state<Draft | null>(null);
  problems = $state.raw<ValidationProblem[]>([]);
  versions = $state.raw<VersionInfo[]>([]);
  saving = $state(false);
  /** Whether the last save was also published (the workflow ran nowhere), or stayed a draft. */
  lastSavePublished = $state(false);
  conflict = $state<Conflict | null>(null);
  fieldErrors = $state<Record<string, string>>({});
  error = $state('');
  /** An unsaved draft of this workflow kept from before a reload or crash, offered back to the admin. */
  restorable = $state<StoredDraft | null>(null);
  /** The draft as last saved or loaded, to tell whether there is anything to save. */
  private saved = $state('');
  dirty = $derived(this.draft !== null && snapshot(this.draft) !== this.saved);
  /** Drafts before each change, newest last, and drafts undone since: one history for the form and the canvas. */
  private past = $state<string[]>([]);
  private future = $state<string[]>([]);
  private lastChangeAt = 0;
  canUndo = $derived(this.past.length > 0);
  canRedo = $derived(this.future.length > 0);
  private validateTimer: ReturnType<typeof setTimeout> | null = null;
  /** Checks of the draft as typed: a newer one drops the answer of an older one still on its way. */
  private readonly validation = new LatestRequest();

  async open(id: string): Promise<void> {
    this.error = '';
    const workflow = await api.call('workflows.get', { id });
    this.accept(workflow);
    this.problems = workflow.problems;
    const kept = keptDraft(id);
    this.restorable = kept && snapshot(kept.draft) !== this.saved ? kept : null;
    if (kept && !this.restorable) dropDraft(id);
    await this.loadVersions();
  }

  /** Takes the kept draft back as the draft being edited (still unsaved). */
  restore(): void {
    const kept = this.restorable;
    this.restorable = null;
    if (kept) this.change($state.snapshot(kept.draft) as Draft);
  }

  /** The admin chose not to take the kept draft back. */
  dropRestorable(): void {
    this.restorable = null;
    if (this.workflow) dropDraft(this.workflow.id);
  }

  /** `keepDraft`: the admin typed on while the save was under way; those edits stay as the draft. */
  private accept(workflow: WorkflowDetail, keepDraft = false): void {
    this.workflow = workflow;
    const saved = draftOf(workflow);
    this.saved = snapshot(saved);
    if (!keepDraft) {
      this.draft = saved;
      this.past = [];
      this.future = [];
    }
    this.conflict = null;
    this.fieldErrors = {};
  }

  async loadVersions(): Promise<void> {
    if (this.workflow) this.versions = await api.call('workflows.versions', { id: this.workflow.id });
  }

  /** The admin changed the draft: ask the domain what is wrong with it, once typing pauses. */
  change(draft: Draft): void {
    this.remember();
    this.draft = draft;
    this.future = [];
    this.afterChange(draft);
  }

  /**
   * Keeps the draft before a change for undo. Changes less than a second apart (typing a word, dragging a
   * card) are one step of the history, as an editor's undo treats them.
   */
  private remember(): void {
    if (!this.draft) return;
    const now = Date.now();
    if (now - this.lastChangeAt > 1000 || this.past.length === 0) this.past = [...this.past.slice(-(HISTORY - 1)), snapshot(this.draft)];
    this.lastChangeAt = now;
  }

  /** Goes back one change (form or canvas alike); the change can be redone until the next edit. */
  undo(): void {
    const previous = this.past.at(-1);
    if (previous === undefined || !this.draft) return;
    this.past = this.past.slice(0, -1);
    this.future = [...this.future, snapshot(this.draft)];
    this.lastChangeAt = 0;
    this.draft = JSON.parse(previous) as Draft;
    this.afterChange(this.draft);
  }

  redo(): void {
    const next = this.future.at(-1);
    if (next === undefined || !this.draft) return;
    this.future = this.future.slice(0, -1);
    this.past = [...this.past, snapshot(this.draft)];
    this.lastChangeAt = 0;
    this.draft = JSON.parse(next) as Draft;
    this.afterChange(this.draft);
  }

  private afterChange(draft: Draft): void {
    this.keep();
    if (this.fieldErrors.name && draft.name !== this.workflow?.name) this.fieldErrors = { ...this.fieldErrors, name: '' };
    if (this.validateTimer) clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), 300);
  }

  /** Keeps the draft in sessionStorage while it differs from what is saved; drops it once it does not. */
  private keep(): void {
    if (!this.workflow || !this.draft) return;
    if (this.restorable) return; // not over the offered one until the admin has decided
    if (snapshot(this.draft) === this.saved) dropDraft(this.workflow.id);
    else keepDraft(this.workflow.id, $state.snapshot(this.draft) as Draft, this.workflow.currentVersion);
  }

  /** The admin leaves and drops the unsaved draft on purpose. */
  abandon(): void {
    if (this.workflow) dropDraft(this.workflow.id);
  }

  async validate(): Promise<void> {
    if (!this.workflow || !this.draft) return;
    const input = {
      organizationId: this.workflow.organizationId,
      workflowId: this.workflow.id,
      definition: $state.snapshot(this.draft.definition),
    };
    try {
      await this.validation.run(
        (signal) => api.call('workflows.validate', input, signal),
        (result) => (this.problems = result.problems),
      );
    } catch {
      // A draft the API cannot read yet (e.g. half-typed); the save will say what is wrong.
    }
  }

  /** Saves the draft as a new version based on the one it was loaded from; on refusal the draft stays as typed. */
  async save(note = '', force = false): Promise<boolean> {
    if (!this.workflow || !this.draft) return false;
    this.saving = true;
    this.error = '';
    this.fieldErrors = {};
    const expectedVersion = force && this.conflict?.currentVersion ? this.conflict.currentVersion : this.workflow.currentVersion;
    const typed = this.draft;
    try {
      const result = await api.call('workflows.save', {
        id: this.workflow.id,
        name: typed.name,
        description: typed.description,
        definition: $state.snapshot(typed.definition),
        note: note || undefined,
        expectedVersion,
      });
      const typedOn = this.draft !== typed && snapshot(this.draft) !== snapshot(typed);
      this.accept(result.workflow, typedOn);
      this.keep();
      this.problems = result.problems;
      this.lastSavePublished = result.published;
      if (typedOn) void this.validate();
      await this.loadVersions();
      return true;
    } catch (error) {
      this.refused(error);
      return false;
    } finally {
      this.saving = false;
    }
  }

  private refused(error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.error = String(error);
      return;
    }
    const details = error.details;
    if (error.code === 'conflict' && details.path?.[0] === 'expectedVersion') {
      this.conflict = {
        message: error.message,
        currentVersion: details.currentVersion ?? null,
        savedBy: details.savedBy ?? null,
        savedAt: details.savedAt ?? null,
      };
      return;
    }
    this.fieldErrors = fieldErrorsOf(error);
    if (!this.fieldErrors.name && !this.fieldErrors.description) this.error = error.message;
  }

  /** Drops the draft and loads what is saved now (after a conflict, the other person's version). */
  async discardAndReload(): Promise<void> {
    if (!this.workflow) return;
    dropDraft(this.workflow.id);
    await this.open(this.workflow.id);
  }

  async revert(version: number): Promise<boolean> {
    if (!this.workflow) return false;
    try {
      const result = await api.call('workflows.revert', { id: this.workflow.id, version, expectedVersion: this.workflow.currentVersion });
      this.accept(result.workflow);
      this.problems = result.problems;
      await this.loadVersions();
      return true;
    } catch (error) {
      this.refused(error);
      return false;
    }
  }

  /** After a publish or rollback: the workflow as it is now (what is published where) and the marks in the history. */
  async published(workflow: WorkflowDetail): Promise<void> {
    if (!this.workflow || this.dirty) return;
    this.accept(workflow);
    await this.loadVersions();
  }

  version(version: number) {
    if (!this.workflow) throw new Error('no workflow open');
    return api.call('workflows.version', { id: this.workflow.id, version });
  }

  close(): void {
    if (this.validateTimer) clearTimeout(this.validateTimer);
    this.workflow = null;
    this.draft = null;
  }
}
