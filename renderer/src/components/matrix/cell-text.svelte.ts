import type { StatusState } from '$shared/domain/status/workflow-status';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { catalog } from '../../lib/state/catalog.svelte';
import type { BlockReasonItem, MatrixRow, MatrixState, MatrixStore } from '../../lib/state/matrix.svelte';
import { blockReasonText } from '../../lib/status/reason-text';
import { statusBadgeClass } from '../../lib/status/status-tone';

/** What one cell of the grid shows. */
export interface CellView {
  state: StatusState | null;
  /** The state and why, as the cell's tooltip. */
  text: string;
  /** The cell's accessible name: which workflow, which store, and its state. */
  label: string;
  /** The badge's word and classes. */
  word: string;
  badge: string;
}

const STATES: readonly StatusState[] = ['running', 'off', 'deactivated', 'blocked', 'invalid'];

/**
 * The words of the matrix's cells. Hundreds of cells re-render on every scroll frame: their words are built
 * from per-language templates, and each distinct reason list (the API sends each once) is put into words once.
 */
export class MatrixCellText {
  private readonly words = $derived({
    state: Object.fromEntries(STATES.map((s) => [s, t(`status.state.${s}`)])) as Record<StatusState, string>,
    help: Object.fromEntries(STATES.map((s) => [s, t(`status.stateHelp.${s}`)])) as Record<StatusState, string>,
    label: t('matrix.cellLabel', { workflow: '\u0001', store: '\u0002', state: '\u0003' }),
    loading: t('common.loading'),
    language: i18n.language,
  });
  private readonly reasonWords = new WeakMap<object, { language: string; text: string }>();

  /** The matrix is read through a getter: the grid's prop may be replaced. */
  constructor(private readonly matrixOf: () => MatrixState) {}

  private get matrix(): MatrixState {
    return this.matrixOf();
  }

  private reasons(reasons: readonly BlockReasonItem[]): string {
    const known = this.reasonWords.get(reasons);
    if (known && known.language === this.words.language) return known.text;
    const text = reasons.map((r) => blockReasonText(t, r, catalog.names)).join('. ');
    this.reasonWords.set(reasons, { language: this.words.language, text });
    return text;
  }

  /** "Blocked: Slack is not installed in this store", or the state's help where there is no reason. */
  state(row: number, column: number): string {
    const state = this.matrix.state(row, column);
    if (!state) return this.words.loading;
    const workflow = this.matrix.row(row);
    const reasons = this.matrix.reasons(row, column);
    const why = [
      state === 'invalid' ? t('matrix.invalidErrors', { count: workflow?.errorCount ?? 0 }) : '',
      reasons ? this.reasons(reasons) : '',
    ]
      .filter(Boolean)
      .join('. ');
    return `${this.words.state[state]}: ${why || this.words.help[state]}`;
  }

  /**
   * Everything a cell shows, worked out once per cell (not once per attribute): its state, its words, its
   * badge's classes. A cell whose tile has not arrived has no state and shows a placeholder.
   */
  cell(row: number, column: number): CellView {
    const state = this.matrix.state(row, column);
    const text = this.state(row, column);
    const workflow = this.matrix.row(row)?.name ?? '';
    const store = this.matrix.store(column)?.name ?? '';
    return {
      state,
      text,
      label: this.words.label.replace('\u0001', workflow).replace('\u0002', store).replace('\u0003', text),
      word: state ? this.words.state[state] : '',
      badge: state ? statusBadgeClass[state] : 'badge',
    };
  }

  /** "Running", "Blocked", … in the current language. */
  stateWord(state: StatusState): string {
    return this.words.state[state];
  }

  get loading(): string {
    return this.words.loading;
  }

  /** A header's words, kept per row or store object (a new one arrives only with a refetched tile) and language. */
  private readonly headerWords = new WeakMap<object, { language: string; counts: string; select: string }>();

  private header(of: object, make: () => { counts: string; select: string }): { counts: string; select: string } {
    const known = this.headerWords.get(of);
    if (known && known.language === this.words.language) return known;
    const words = { language: this.words.language, ...make() };
    this.headerWords.set(of, words);
    return words;
  }

  /** "3 running · 1 blocked" for a workflow's row header. */
  counts(row: number): string {
    const workflow = this.matrix.row(row);
    return workflow ? this.rowWords(workflow).counts : '';
  }

  /** "Select Points in every store shown": a row header's checkbox. */
  selectRow(workflow: MatrixRow): string {
    return this.rowWords(workflow).select;
  }

  /** "Select Oslo": a column header's checkbox. */
  selectColumn(store: MatrixStore): string {
    return this.header(store, () => ({ counts: '', select: t('matrix.selectColumn', { store: store.name }) })).select;
  }

  private rowWords(workflow: MatrixRow): { counts: string; select: string } {
    return this.header(workflow, () => ({
      counts: (['running', 'blocked', 'invalid', 'deactivated', 'off'] as const)
        .filter((s) => workflow.counts[s] > 0)
        .map((s) => t(`matrix.count.${s}`, { count: workflow.counts[s] }))
        .join(' · '),
      select: t('matrix.selectRow', { workflow: workflow.name }),
    }));
  }
}
