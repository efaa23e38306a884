import { z } from 'zod';
import { noInput } from './common';
import { method } from './define-method';

export const settings = z.object({
  /** The name recorded in the audit log; empty means the operating system's user name. */
  actorName: z.string(),
  /** The OS user name, used when actorName is empty. */
  systemUserName: z.string(),
  language: z.enum(['system', 'nb', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  /** How the workflow editor shows a workflow: the form tree or the canvas (remembered for this user). */
  editorView: z.enum(['form', 'canvas']),
});

export const settingsContract = {
  'settings.get': method({ summary: 'The application settings.', input: noInput, output: settings }),
  'settings.update': method({
    summary: 'Changes one or more settings.',
    input: z
      .object({
        actorName: z.string().trim().max(120, { message: 'must be at most 120 characters' }).optional(),
        language: z.enum(['system', 'nb', 'en']).optional(),
        theme: z.enum(['system', 'light', 'dark']).optional(),
        editorView: z.enum(['form', 'canvas']).optional(),
      })
      .strict(),
    output: settings,
  }),
};
