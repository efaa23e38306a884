import { Liquid } from 'liquidjs';
import { liquidLimits, renderedTooLong } from '../liquid/liquid-limits';

/** A path a template reads from the workflow's data: `['order', 'customer', 'email']`, `['order', 'lineItems', 0]`. */
export type LiquidPath = readonly (string | number)[];

/**
 * What static analysis of one template found: its syntax error, or the paths it reads from outside (variables
 * made by assign, capture or for are the template's own and not listed).
 */
export type LiquidAnalysis = { ok: true; paths: readonly LiquidPath[] } | { ok: false; message: string; line: number; column: number };

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

/** The part of a path known before rendering: `order[key].x` is checked as far as `order`. */
function staticPrefix(segments: readonly unknown[]): LiquidPath {
  const path: (string | number)[] = [];
  for (const segment of segments) {
    if (typeof segment !== 'string' && typeof segment !== 'number') break;
    path.push(segment);
  }
  return path;
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
    const seen = new Set<string>();
    const paths: LiquidPath[] = [];
    for (const segments of engine.globalVariableSegmentsSync(parsed)) {
      const path = staticPrefix(segments);
      const key = path.join('\u0000');
      if (!seen.has(key)) {
        seen.add(key);
        paths.push(path);
      }
    }
    return { ok: true, paths };
  } catch (error) {
    const e = error as Error & { token?: { getPosition?: () => [number, number] } };
    const [line, column] = e.token?.getPosition?.() ?? [1, 1];
    const message = String(e.message ?? error)
      .split('\n')[0]!
      .replace(/, line:\d+, col:\d+$/, '');
    return { ok: false, message, line, column };
  }
}
