/**
 * Sets `row[i] = code` for the index i of each store id of a comma-joined list. SQLite hands a workflow's
 * activations over in key order, so a merge walk along the sorted ids matches them without building a string
 * per id; an id found out of order (or not at all) falls back to a map lookup, so any order is read correctly.
 */
export function storeLocator(stores: readonly { id: string }[]): (list: string, row: Uint8Array, code: number) => void {
  const sorted = stores.map((s, i) => [s.id, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const ids = sorted.map(([id]) => id);
  const indexes = sorted.map(([, i]) => i);
  const byId = new Map(stores.map((s, i) => [s.id, i]));
  return (list, row, code) => {
    let j = 0;
    for (let pos = 0; pos < list.length;) {
      let end = list.indexOf(',', pos);
      if (end < 0) end = list.length;
      const length = end - pos;
      let k = j;
      while (k < ids.length && !(ids[k]!.length === length && list.startsWith(ids[k]!, pos))) k++;
      if (k < ids.length) {
        row[indexes[k]!] = code;
        j = k + 1;
      } else {
        const i = byId.get(list.slice(pos, end));
        if (i !== undefined) row[i] = code;
      }
      pos = end + 1;
    }
  };
}
