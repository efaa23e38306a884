import { hasLegacySchedule, legacyRecurrence, legacyScheduleSettings, migrateLegacySchedule } from '../../domain/workflow/legacy-schedule';
import type { WorkflowDefinition } from '../../domain/workflow/workflow-definition';
import type { Migration } from './migration';

/**
 * The Scheduled time trigger's settings as Shopify Flow stores them: one `recurrence` rule (DTSTART and
 * RRULE) instead of Flow Admin's own `time` and `repeat`. Every saved version is rewritten to the rule that
 * runs at the same moments (legacy-schedule.ts says how). The runtime's bookkeeping of those workflows
 * keeps counting: each mark counted for the old settings now names the new rule, so a slot already fired
 * is not fired again and none is skipped.
 */
export const migration013: Migration = {
  version: 13,
  name: 'scheduled time: Flow’s recurrence rule instead of time and repeat',
  up(db) {
    const rows = db.prepare('SELECT workflow_id, version, definition, saved_at FROM workflow_versions').all() as {
      workflow_id: string;
      version: number;
      definition: string;
      saved_at: string;
    }[];
    // When each workflow first ran, and where: that day fixed its weekday (weekly) or day of the month.
    const firstSlots = db
      .prepare(
        `SELECT m.workflow_id AS workflowId, MIN(m.first_slot_at) AS at, s.time_zone AS timeZone
         FROM scheduled_triggers m JOIN stores s ON s.id = m.store_id
         WHERE m.workflow_id <> '' AND m.first_slot_at IS NOT NULL GROUP BY m.workflow_id`,
      )
      .all() as { workflowId: string; at: number; timeZone: string }[];
    const firstSlot = new Map(firstSlots.map((f) => [f.workflowId, f]));
    const update = db.prepare('UPDATE workflow_versions SET definition = ? WHERE workflow_id = ? AND version = ?');
    const remark = db.prepare(
      `UPDATE scheduled_triggers SET settings = ?, first_slot_at = NULL
       WHERE workflow_id = ? AND app_id = 'shopify' AND trigger_handle = 'scheduled_time' AND settings = ?`,
    );
    for (const row of rows) {
      let definition: WorkflowDefinition;
      try {
        definition = JSON.parse(row.definition) as WorkflowDefinition;
      } catch {
        continue; // not ours to judge here: validation says what is wrong with it
      }
      if (!hasLegacySchedule(definition)) continue;
      const config = definition.trigger!.config;
      const recurrence = legacyRecurrence(config, firstSlot.get(row.workflow_id) ?? null, row.saved_at);
      update.run(JSON.stringify(migrateLegacySchedule(definition, recurrence)), row.workflow_id, row.version);
      remark.run(recurrence, row.workflow_id, legacyScheduleSettings(config));
    }
  },
};
