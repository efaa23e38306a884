import { describe, expect, it } from 'vitest';
import type { MatrixRow, MatrixStore } from '../../../electron/domain/status/status-matrix';
import { splitPage } from '../../../renderer/src/lib/state/tile-split';

const none = { enable: null, disable: null, reenable: null };
const store = (n: number): MatrixStore => ({ id: `s${n}`, name: `Store ${n}`, flowInstalled: true, actions: none });
const row = (n: number, states: string, reasonRefs: [number, number][] = []): MatrixRow => ({
  workflowId: `w${n}`,
  name: `Workflow ${n}`,
  appsUsed: [],
  errorCount: 0,
  states,
  reasonRefs,
  counts: { running: 0, off: 0, deactivated: 0, blocked: 0, invalid: 0 },
  actions: none,
});

describe('a page covering several matrix tiles is cut into its tiles', () => {
  it('gives each tile its rows, its stores, and its columns of each row, with reason references from its first column', () => {
    // 3 rows × 5 stores from tile (4, 7), tiles of 2 rows × 2 stores: 2 × 3 tiles, the last ones partial.
    const page = {
      rows: [row(8, 'robio', [[3, 0]]), row(9, 'oooob', [[4, 1]]), row(10, 'rrrrr')],
      stores: [14, 15, 16, 17, 18].map(store),
    };
    const parts = splitPage(page, { rowBlock0: 4, columnBlock0: 7 }, { rowBlock: 2, columnBlock: 2 });
    expect(parts.map((p) => [p.rowBlock, p.columnBlock, p.rows.map((r) => r.states).join('|'), p.stores.map((s) => s.id).join()])).toEqual([
      [4, 7, 'ro|oo', 's14,s15'],
      [4, 8, 'bi|oo', 's16,s17'],
      [4, 9, 'o|b', 's18'],
      [5, 7, 'rr', 's14,s15'],
      [5, 8, 'rr', 's16,s17'],
      [5, 9, 'r', 's18'],
    ]);
    // "b" of Workflow 8 was column 3 of the page: column 1 of tile (4, 8); Workflow 9's "b" column 0 of (4, 9).
    expect(parts[1]!.rows[0]!.reasonRefs).toEqual([[1, 0]]);
    expect(parts[2]!.rows[1]!.reasonRefs).toEqual([[0, 1]]);
    expect(parts[0]!.rows[0]!.reasonRefs).toEqual([]);
    expect(parts[0]!.rows[0]!.name).toBe('Workflow 8');
  });

  it('keeps the row objects of a page one tile wide', () => {
    const page = { rows: [row(1, 'ro')], stores: [store(1), store(2)] };
    const [only] = splitPage(page, { rowBlock0: 0, columnBlock0: 3 }, { rowBlock: 40, columnBlock: 24 });
    expect(only!.rows[0]).toBe(page.rows[0]);
    expect(only!.columnBlock).toBe(3);
  });
});
