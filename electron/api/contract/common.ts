import { z } from 'zod';

/** Stable, portable ids (UUID), so exported things keep their identity. */
export const id = z.string().uuid({ message: 'must be an id (UUID)' });

/** A name a person typed: trimmed, not empty, not a novel. */
export const displayName = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(120, { message: 'must be at most 120 characters' });

export const isoTime = z.string().datetime({ offset: true });

export const noInput = z.object({}).strict();

export const ok = z.object({ ok: z.literal(true) });
