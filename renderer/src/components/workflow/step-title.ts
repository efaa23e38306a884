import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { findAction, findApp, type CatalogApp, type Step } from './editor-model';
import { durationOf } from './step-tree';

/** A step's name for headings, button names and the undo notice. */
export function stepTitle(step: Step, apps: readonly CatalogApp[]): string {
  switch (step.kind) {
    case 'action': {
      const app = findApp(apps, step.task.app);
      const action = findAction(apps, step.task);
      return `${app ? i18n.text(app.name) : step.task.app}: ${action ? i18n.text(action.name) : step.task.handle}`;
    }
    case 'condition':
      return t('workflows.stepKind.condition');
    case 'foreach':
      return t('steps.forEachTitle', { list: step.list || '…' });
    case 'wait':
      return t('steps.waitTitle', { duration: durationText(step.seconds) });
    case 'opaque':
      return t('steps.opaqueTitle', { taskId: step.taskId });
  }
}

export function durationText(seconds: number): string {
  const { amount, unit } = durationOf(seconds);
  return t(`steps.durations.${unit}`, { count: amount });
}
