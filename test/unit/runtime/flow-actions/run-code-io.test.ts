import { describe, expect, it } from 'vitest';
import { answerInputQuery, parseInputQuery } from '../../../../electron/runtime/flow-actions/input-query';
import { outputProblems, parseOutputSchema } from '../../../../electron/runtime/flow-actions/output-schema';

const order = {
  id: 'gid://shopify/Order/1',
  note: 'Gift',
  name: '#1001',
  lineItems: [
    { title: 'Mug', sku: 'M-1' },
    { title: 'Card', sku: null },
  ],
};

describe("Run code's input query and output schema", () => {
  it("answers the input query from the run's data, lists as arrays, missing fields null", () => {
    const query = parseInputQuery('query {\n  order {\n    note\n    items: lineItems { title }\n    email\n  }\n}');
    expect(answerInputQuery(query, { order })).toEqual({
      order: { note: 'Gift', items: [{ title: 'Mug' }, { title: 'Card' }], email: null },
    });
    expect(answerInputQuery(parseInputQuery('{ shop { name } }'), {})).toEqual({ shop: null });
  });

  it('an input query that does not parse says where', () => {
    expect(() => parseInputQuery('{ order { note }')).toThrow(/a "}" is missing/);
    expect(() => parseInputQuery('{ order { ...F } }')).toThrow(/Fragments/);
  });

  it('checks the returned object against type Output, naming each path that does not fit', () => {
    const schema = parseOutputSchema(
      `"The output"\ntype Output {\n  "Message"\n  giftMessage: String!\n  totalGifts: Int!\n  gifts: [Gift!]\n}\ntype Gift { message: String! amount: Float }`,
    )!;
    expect(outputProblems(schema, { giftMessage: 'Hi', totalGifts: 2, gifts: [{ message: 'a', amount: 1.5 }] })).toEqual([]);
    expect(outputProblems(schema, { giftMessage: 3, gifts: [{ amount: 'x' }], extra: true })).toEqual([
      'runCode.extra: not a field of Output in the output schema',
      'runCode.giftMessage: must be text (String), got 3',
      'runCode.totalGifts: is required (Int!) but was not returned',
      'runCode.gifts[0].message: is required (String!) but was not returned',
      'runCode.gifts[0].amount: must be a number (Float), got "x"',
    ]);
  });
});
