import type { Migration } from './migration';
import { migration001 } from './001-organizations';
import { migration002 } from './002-stores-apps-workflows';
import { migration003 } from './003-status-checks-audit-subjects';
import { migration004 } from './004-runtime';
import { migration005 } from './005-workflow-schedules';
import { migration006 } from './006-flow-data-paths';
import { migration007 } from './007-unique-names';
import { migration008 } from './008-outbox-leases-and-throttles';
import { migration009 } from './009-trigger-event-ids';
import { migration010 } from './010-runs-by-organization';
import { migration011 } from './011-drafts-and-publishing';
import { migration012 } from './012-outbox-by-store';
import { migration013 } from './013-scheduled-time-recurrence';
import { migration014 } from './014-app-event-ids-on-events';
import { migration015 } from './015-delivery-marks';
import { migration016 } from './016-search-terms';
import { migration017 } from './017-kept-activation-grids';
import { migration018 } from './018-runs-by-workflow-lagging';
import { migration019 } from './019-store-indexes-lagging';
import { migration020 } from './020-history-purges';

/** Every schema step, in order (numbers are reserved per branch, so gaps may appear). Append only: a released step is never edited. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
