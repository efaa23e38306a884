import type { z } from 'zod';

/** One API method: what it does, what it takes, what it answers. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  /** Browser mode's body limit for this method, when it carries files (the default is 1 MB). */
  maxBodyBytes?: number;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
