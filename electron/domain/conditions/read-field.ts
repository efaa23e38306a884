export type Reader = (data: unknown) => unknown;

/**
 * Reads a field of the trigger's data: a key, or a dotted path into nested objects (`customer.email`).
 * Only own properties are read, so a field named `constructor` or `__proto__` reads nothing.
 */
export function compileReader(field: string): Reader {
  const keys = field.split('.');
  if (keys.length === 1) {
    return (d) => (d !== null && typeof d === 'object' && Object.hasOwn(d, field) ? (d as Record<string, unknown>)[field] : undefined);
  }
  if (keys.length === 2) {
    // The common case (`order.lineItems`, `order.tags`) without a loop.
    const [a, b] = keys as [string, string];
    return (d) => {
      if (d === null || typeof d !== 'object' || !Object.hasOwn(d, a)) return undefined;
      const v = (d as Record<string, unknown>)[a];
      return v !== null && typeof v === 'object' && Object.hasOwn(v, b) ? (v as Record<string, unknown>)[b] : undefined;
    };
  }
  return (d) => {
    let v: unknown = d;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  };
}
