import type { Migration } from './migration';
import { migration001 } from './001-organizations';
import { migration002 } from './002-stores-apps-workflows';

/** Every schema step, in order. Append only: a released step is never edited. */
export const migrations: readonly Migration[] = [migration001, migration002];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
