import type { z } from 'zod';
import type { MethodSpec } from './contract/define-method';
import type { HandlerContext } from './handler-context';

/** A handler map for a slice of the contract: one plain function per method. */
export type Handlers<C extends Record<string, MethodSpec>> = {
  [M in keyof C]: (input: z.output<C[M]['input']>, ctx: HandlerContext) => z.input<C[M]['output']> | Promise<z.input<C[M]['output']>>;
};
