/** Reads a dotted path of the run's data (`order.customer.email`); own properties only. */
export function readPath(data: unknown, path: string): unknown {
  let v: unknown = data;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Every value a path reaches when it goes through lists, as Flow's Sum reads `getOrderData.totalPriceSet.shopMoney.amount`:
 * at a list, the rest of the path is read on each item.
 */
export function listValues(data: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, keys: readonly string[], at: number): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(item, keys, at);
      return;
    }
    if (at === keys.length) {
      if (v !== null && v !== undefined) out.push(v);
      return;
    }
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, keys[at]!)) return;
    walk((v as Record<string, unknown>)[keys[at]!], keys, at + 1);
  };
  walk(data, path.split('.'), 0);
  return out;
}
