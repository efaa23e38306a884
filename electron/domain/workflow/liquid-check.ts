import { Liquid } from 'liquidjs';
import { liquidLimits, renderedTooLong } from '../liquid/liquid-limits';

/** What static analysis of one template found: its syntax error, or the variables it reads from outside. */
export type LiquidAnalysis =
  | { ok: true; variables: readonly string[] }
  | { ok: false; message: string; line: number; column: number };

/**
 * Shopify's Liquid rejects filters it does not know, so validation does too (liquidjs alone would ignore
 * them until rendering).
 */
const engine = new Liquid({ strictFilters: true, ...liquidLimits });

/** Parsed results by template text: the same few templates recur across thousands of workflows. */
const cache = new Map<string, LiquidAnalysis>();
const CACHE_LIMIT = 20_000;

/** A value is a template only if it has Liquid markup; plain text needs no parsing. */
export function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

export function analyzeLiquid(template: string): LiquidAnalysis {
  const known = cache.get(template);
  if (known) return known;
  const analysis = analyze(template);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(template, analysis);
  return analysis;
}

function analyze(template: string): LiquidAnalysis {
  try {
    const parsed = engine.parse(template);
    // A trial render without data, under the run's limits: a loop over a literal range or a string built up
    // to megabytes goes over them here, before it reaches a run.
    const text = String(engine.renderSync(parsed, {}));
    const tooLong = renderedTooLong(text);
    if (tooLong) return { ok: false, message: tooLong, line: 1, column: 1 };
    // Roots only (`customer` of `customer.email`); variables made by assign/capture/for are local.
    return { ok: true, variables: engine.globalVariablesSync(parsed) };
  } catch (error) {
    const e = error as Error & { token?: { getPosition?: () => [number, number] } };
    const [line, column] = e.token?.getPosition?.() ?? [1, 1];
    const message = String(e.message ?? error)
      .split('\n')[0]!
      .replace(/, line:\d+, col:\d+$/, '');
    return { ok: false, message, line, column };
  }
}
