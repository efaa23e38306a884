import { z } from 'zod';
import { id } from './common';
import { method } from './define-method';
import { store, timeZone } from './stores';

const problemCodes = [
  'bad_domain',
  'duplicate_domain',
  'domain_taken',
  'duplicate_name',
  'name_taken',
  'bad_name',
  'unknown_time_zone',
  'bad_flow_app',
  'too_many_columns',
  'too_many_lines',
] as const;

export const storeListRow = z.object({
  line: z.number().int(),
  name: z.string(),
  domain: z.string(),
  timeZone: z.string(),
  flowInstalled: z.boolean(),
});

export const storeListProblem = z.object({
  line: z.number().int(),
  code: z.enum(problemCodes),
  field: z.enum(['name', 'domain', 'timeZone', 'flowApp']).nullable(),
  value: z.string(),
  otherLine: z.number().int().optional(),
  existingStore: z.string().optional(),
  message: z.string(),
});

/** A pasted list is not a file: about 5,000 lines of CSV fit well within browser mode's 1 MB body limit. */
const listText = z.string().max(500_000, { message: 'must be at most 500000 characters; split the list' });

export const storeListContract = {
  'stores.previewMany': method({
    summary:
      'Reads a pasted list of stores (store addresses one per line, or CSV with name, address, time zone, Flow app yes/no) and says what adding it would do: the stores, and every problem with its line. Writes nothing.',
    input: z.object({ organizationId: id, text: listText, defaultTimeZone: timeZone.default('UTC') }).strict(),
    output: z.object({ rows: z.array(storeListRow), problems: z.array(storeListProblem) }),
  }),
  'stores.addMany': method({
    summary:
      'Adds every store of a pasted list (as stores.previewMany reads it) in one transaction. A list with any problem is refused whole (invalid_input, details.problems per line): nothing is written.',
    input: z.object({ organizationId: id, text: listText, defaultTimeZone: timeZone.default('UTC') }).strict(),
    output: z.object({ added: z.array(store) }),
  }),
};
