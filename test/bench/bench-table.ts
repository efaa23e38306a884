/** Timing and a table printer for benchmarks that compare each figure with a baseline measured in the same run. */

export interface BenchRow {
  operation: string;
  /** Our figure: a median in milliseconds, or megabytes when `unit` is 'MB'. */
  ours: number;
  /** The same work with raw prepared statements in one transaction, measured in the same run. */
  baseline?: number;
  unit?: 'ms' | 'MB';
  /** Upper bound on `ours`, and on ours / baseline. */
  target?: { max?: number; ratio?: number };
}

export interface TimingOptions {
  iterations?: number;
  warmup?: number;
  /** Run before each iteration, outside the timing (e.g. put the data back as it was). */
  before?: () => void | Promise<void>;
}

/** The median of several timed runs, after warm-up runs (JIT, SQLite page cache). */
export async function medianMs(work: () => unknown, options: TimingOptions = {}): Promise<number> {
  const { iterations = 9, warmup = 2, before } = options;
  const times: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    await before?.();
    const start = performance.now();
    await work();
    const elapsed = performance.now() - start;
    if (i >= warmup) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function ok(row: BenchRow): boolean {
  if (row.target?.max !== undefined && row.ours > row.target.max) return false;
  if (row.target?.ratio !== undefined && row.baseline !== undefined && row.ours / row.baseline > row.target.ratio) return false;
  return true;
}

function targetText(row: BenchRow): string {
  const unit = row.unit ?? 'ms';
  const parts: string[] = [];
  if (row.target?.max !== undefined) parts.push(`< ${row.target.max} ${unit}`);
  if (row.target?.ratio !== undefined) parts.push(`≤ ${row.target.ratio}× baseline`);
  return parts.join(', ') || '–';
}

const figure = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A Markdown table: operation | ours | baseline raw SQL | ratio | target | ok? */
export function formatTable(rows: readonly BenchRow[], baselineName = 'baseline raw SQL'): string {
  const lines = [
    `| operation | ours | ${baselineName} | ratio | target | ok? |`,
    '|---|---:|---:|---:|---|---|',
    ...rows.map((row) => {
      const unit = row.unit ?? 'ms';
      const ratio = row.baseline ? `${(row.ours / row.baseline).toFixed(2)}×` : '–';
      const baseline = row.baseline !== undefined ? `${figure(row.baseline)} ${unit}` : '–';
      return `| ${row.operation} | ${figure(row.ours)} ${unit} | ${baseline} | ${ratio} | ${targetText(row)} | ${ok(row) ? 'yes' : 'NO'} |`;
    }),
  ];
  return lines.join('\n');
}
