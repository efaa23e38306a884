import { maxNameLength, sameName } from './names';

/**
 * Many stores at once, from what an admin pastes: either store addresses, one per line
 * (`nordic-goods-oslo.myshopify.com`, or the admin URL it was copied from), or CSV rows with name, address,
 * time zone and whether the store has the Flow app (columns in that order, or in any order under a header
 * row; commas, semicolons as a Norwegian spreadsheet writes them, or tabs). Every line is checked; a list
 * with any bad line is refused as a whole, so the preview shows every problem with its line number and
 * nothing is written until all are fixed.
 */
export interface StoreListRow {
  /** 1-based, as an editor shows it. */
  line: number;
  name: string;
  domain: string;
  timeZone: string;
  flowInstalled: boolean;
}

export type StoreListProblemCode =
  | 'bad_domain' // not a store address like nordic-goods-oslo.myshopify.com
  | 'duplicate_domain' // the same address earlier in the list
  | 'domain_taken' // a store (of any organization) already has the address
  | 'duplicate_name' // the same name earlier in the list
  | 'name_taken' // the organization already has a store of that name
  | 'bad_name' // too long
  | 'unknown_time_zone' // not an IANA time zone
  | 'bad_flow_app' // not yes/no
  | 'too_many_columns'
  | 'too_many_lines';

export interface StoreListProblem {
  line: number;
  code: StoreListProblemCode;
  /** Which column: name, domain, timeZone, flowApp, or null for the line as a whole. */
  field: 'name' | 'domain' | 'timeZone' | 'flowApp' | null;
  /** What was written there. */
  value: string;
  /** duplicate_*: the earlier line. */
  otherLine?: number;
  /** *_taken: the existing store's name. */
  existingStore?: string;
  message: string;
}

export interface StoreListResult {
  rows: StoreListRow[];
  problems: StoreListProblem[];
}

export interface StoreListContext {
  /** Names of the organization's stores (unique in the organization). */
  existingNames: readonly string[];
  /** The store that already has an address, in any organization (addresses are unique in Shopify). */
  storeWithDomain(domain: string): { name: string } | undefined;
  /** For lines that give none. */
  defaultTimeZone: string;
}

/** More lines than this is not a paste but an import; refused as one problem rather than parsed slowly. */
export const maxStoreListLines = 5000;

const domainPattern = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The column a header cell names, in English or Norwegian. */
const headerWords: Record<string, 'name' | 'domain' | 'timeZone' | 'flowApp'> = {
  name: 'name',
  navn: 'name',
  store: 'name',
  butikk: 'name',
  'store name': 'name',
  butikknavn: 'name',
  domain: 'domain',
  address: 'domain',
  adresse: 'domain',
  'store address': 'domain',
  butikkadresse: 'domain',
  myshopify: 'domain',
  url: 'domain',
  'time zone': 'timeZone',
  timezone: 'timeZone',
  tidssone: 'timeZone',
  time_zone: 'timeZone',
  'flow app': 'flowApp',
  flow: 'flowApp',
  'flow-appen': 'flowApp',
  'flow app installed': 'flowApp',
  flow_app: 'flowApp',
};

const yes = new Set(['yes', 'y', 'ja', 'j', 'true', '1', 'x']);
const no = new Set(['no', 'n', 'nei', 'false', '0', '']);

/** An IANA time zone Intl knows, in its canonical spelling (europe/oslo → Europe/Oslo), or null. */
export function canonicalTimeZone(value: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The store address in what was pasted: lower case, without `https://`, `www.` or a path
 * (`https://nordic-goods-oslo.myshopify.com/admin` → `nordic-goods-oslo.myshopify.com`).
 */
export function normalizeDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
}

/** A readable name from the address: `nordic-goods-oslo.myshopify.com` → `Nordic Goods Oslo`. */
export function nameFromDomain(domain: string): string {
  const stem = domain.replace(/\.myshopify\.com$/, '');
  return stem
    .split('-')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** The cells of one CSV line: quotes may hold the delimiter, and `""` inside quotes is one quote. */
export function splitCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** Tabs if any line has one (pasted from a spreadsheet), else semicolons if any, else commas. */
function delimiterOf(lines: readonly string[]): string {
  if (lines.some((l) => l.includes('\t'))) return '\t';
  if (lines.some((l) => l.includes(';'))) return ';';
  return ',';
}

type Column = 'name' | 'domain' | 'timeZone' | 'flowApp';

/** The columns a header row names, or null when the line is data. */
function headerColumns(cells: readonly string[]): Column[] | null {
  const named = cells.map((c) => headerWords[c.toLowerCase().replace(/\s+/g, ' ')]);
  if (!named.some((c) => c === 'domain')) return null;
  return named.map((c, i) => c ?? (`extra${i}` as Column));
}

const positional: Column[] = ['name', 'domain', 'timeZone', 'flowApp'];

const describe: Record<StoreListProblemCode, (p: StoreListProblem) => string> = {
  bad_domain: (p) => `"${p.value}" is not a store address like nordic-goods-oslo.myshopify.com`,
  duplicate_domain: (p) => `${p.value} is already on line ${p.otherLine}`,
  domain_taken: (p) => `${p.value} is already used by the store "${p.existingStore}"`,
  duplicate_name: (p) => `the name "${p.value}" is already on line ${p.otherLine}`,
  name_taken: (p) => `the organization already has a store named "${p.existingStore}"`,
  bad_name: () => `the name is longer than ${maxNameLength} characters`,
  unknown_time_zone: (p) => `"${p.value}" is not a time zone such as Europe/Oslo`,
  bad_flow_app: (p) => `"${p.value}" is not yes or no (Flow app)`,
  too_many_columns: (p) => `has more columns than name, address, time zone and Flow app: "${p.value}"`,
  too_many_lines: () => `the list is longer than ${maxStoreListLines} lines; split it`,
};

/** Reads a pasted list of stores: every row it could read and every problem, each with its line. */
export function parseStoreList(text: string, context: StoreListContext): StoreListResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows: StoreListRow[] = [];
  const problems: StoreListProblem[] = [];
  const problem = (p: Omit<StoreListProblem, 'message'>) =>
    problems.push({ ...p, message: `Line ${p.line}: ${describe[p.code]({ ...p, message: '' })}` });

  if (lines.length > maxStoreListLines) {
    problem({ line: maxStoreListLines + 1, code: 'too_many_lines', field: null, value: '' });
    return { rows, problems };
  }
  const delimiter = delimiterOf(lines);
  let columns: Column[] | null = null;
  const seenDomains = new Map<string, number>();
  const seenNames: { name: string; line: number }[] = [];

  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const cells = splitCells(text, delimiter);
    if (columns === null && rows.length === 0 && problems.length === 0) {
      const header = headerColumns(cells);
      if (header) {
        columns = header;
        return;
      }
    }
    const order = columns ?? (cells.length === 1 ? (['domain'] as Column[]) : positional);
    if (cells.length > order.length || (columns && cells.slice(order.length).some((c) => c !== ''))) {
      problem({ line, code: 'too_many_columns', field: null, value: text });
      return;
    }
    const cell = (column: Column) => {
      const at = order.indexOf(column);
      return at < 0 ? undefined : cells[at];
    };

    let ok = true;
    const domainText = cell('domain') ?? '';
    const domain = normalizeDomain(domainText);
    if (!domainPattern.test(domain) || domain.length > 100) {
      problem({ line, code: 'bad_domain', field: 'domain', value: domainText });
      ok = false;
    } else if (seenDomains.has(domain)) {
      problem({ line, code: 'duplicate_domain', field: 'domain', value: domain, otherLine: seenDomains.get(domain)! });
      ok = false;
    } else {
      seenDomains.set(domain, line);
      const taken = context.storeWithDomain(domain);
      if (taken) {
        problem({ line, code: 'domain_taken', field: 'domain', value: domain, existingStore: taken.name });
        ok = false;
      }
    }

    // Without a name the address gives one (nordic-goods-oslo → Nordic Goods Oslo); a bad address gives none.
    const givenName = cell('name') ?? '';
    const name = givenName !== '' ? givenName : domainPattern.test(domain) ? nameFromDomain(domain) : '';
    if (name.length > maxNameLength) {
      problem({ line, code: 'bad_name', field: 'name', value: name });
      ok = false;
    } else if (name !== '' && (givenName !== '' || ok)) {
      // A name made from a bad or repeated address would only repeat that address's problem.
      const earlier = seenNames.find((n) => sameName(n.name, name));
      const existing = context.existingNames.find((n) => sameName(n, name));
      if (earlier) {
        problem({ line, code: 'duplicate_name', field: 'name', value: name, otherLine: earlier.line });
        ok = false;
      } else if (existing !== undefined) {
        problem({ line, code: 'name_taken', field: 'name', value: name, existingStore: existing });
        ok = false;
      }
      seenNames.push({ name, line });
    }

    const zoneText = cell('timeZone') ?? '';
    const timeZone = zoneText === '' ? context.defaultTimeZone : canonicalTimeZone(zoneText);
    if (timeZone === null) {
      problem({ line, code: 'unknown_time_zone', field: 'timeZone', value: zoneText });
      ok = false;
    }

    const flowText = (cell('flowApp') ?? '').toLowerCase();
    const flowInstalled = flowText === '' ? true : yes.has(flowText) ? true : no.has(flowText) ? false : null;
    if (flowInstalled === null) {
      problem({ line, code: 'bad_flow_app', field: 'flowApp', value: cell('flowApp') ?? '' });
      ok = false;
    }

    if (ok) rows.push({ line, name, domain, timeZone: timeZone!, flowInstalled: flowInstalled! });
  });
  return { rows, problems };
}
