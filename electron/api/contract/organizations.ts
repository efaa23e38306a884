import { z } from 'zod';
import { displayName, id, isoTime, noInput } from './common';
import { method } from './define-method';

export const organization = z.object({
  id,
  name: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  storeCount: z.number().int(),
  workflowCount: z.number().int(),
});

/** What deleting an organization would take with it; the UI shows this before asking. */
export const organizationDeletionImpact = z.object({
  organization,
  stores: z.number().int(),
  workflows: z.number().int(),
  installations: z.number().int(),
});

export const organizationsContract = {
  'organizations.list': method({
    summary: 'Every organization, by name.',
    input: noInput,
    output: z.array(organization),
  }),
  'organizations.create': method({
    summary: 'Creates an organization. Names are unique, ignoring case.',
    input: z.object({ name: displayName }).strict(),
    output: organization,
  }),
  'organizations.rename': method({
    summary: 'Renames an organization.',
    input: z.object({ id, name: displayName }).strict(),
    output: organization,
  }),
  'organizations.deletionImpact': method({
    summary: 'What deleting the organization would remove: its stores, workflows and installations.',
    input: z.object({ id }).strict(),
    output: organizationDeletionImpact,
  }),
  'organizations.delete': method({
    summary: 'Deletes an organization and everything in it, in one transaction. The audit log keeps the record.',
    input: z.object({ id }).strict(),
    output: organizationDeletionImpact,
  }),
};
