import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { findAction, findApp, findTrigger, type CatalogApp, type Step, type ValidationProblem } from '../workflow/editor-model';
import { durationText, stepTitle } from '../workflow/step-title';
import { monogramOf } from '../../lib/monogram';

export { monogramOf };
import type { ConditionExpression, TriggerStep } from '$shared/domain/workflow/workflow-definition';

/** What a card on the canvas says: its app's monogram, its name, one line about its inputs, its problems. */
export interface CardText {
  kind: string;
  title: string;
  summary: string;
  monogram: string;
  /** The app's id, which picks the monogram's colour. */
  app: string;
  problems: number;
  worst: 'error' | 'warning' | null;
}

const MAX_SUMMARY = 90;

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_SUMMARY ? `${one.slice(0, MAX_SUMMARY - 1)}…` : one;
}

export function conditionText(expression: ConditionExpression): string {
  if (expression.kind === 'compare') {
    const value =
      expression.value === undefined || expression.value === null
        ? ''
        : ` ${Array.isArray(expression.value) ? expression.value.join(', ') : String(expression.value)}`;
    return `${expression.field || '…'} ${t(`editor.operators.${expression.operator}`)}${value}`;
  }
  if (expression.kind === 'group') return expression.items.map(conditionText).join(expression.operator === 'and' ? ' && ' : ' || ') || '…';
  return `${expression.quantifier} ${expression.field}: ${conditionText(expression.item)}`;
}

function problemsOf(problems: readonly ValidationProblem[], stepId: string): Pick<CardText, 'problems' | 'worst'> {
  const mine = problems.filter((p) => p.stepId === stepId);
  return { problems: mine.length, worst: mine.some((p) => p.severity === 'error') ? 'error' : mine.length ? 'warning' : null };
}

export function triggerCard(trigger: TriggerStep | null, apps: readonly CatalogApp[], problems: readonly ValidationProblem[]): CardText {
  if (!trigger)
    return { kind: t('canvas.trigger'), title: t('canvas.noTrigger'), summary: '', monogram: '?', app: '', problems: 0, worst: null };
  const app = findApp(apps, trigger.task.app);
  const found = findTrigger(apps, trigger.task);
  const appName = app ? i18n.text(app.name) : trigger.task.app;
  const config = Object.entries(trigger.config)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  return {
    kind: t('canvas.trigger'),
    title: found ? i18n.text(found.name) : trigger.task.handle,
    summary: shorten(config || appName),
    monogram: monogramOf(appName),
    app: trigger.task.app,
    ...problemsOf(problems, trigger.id),
  };
}

export function stepCard(step: Step, apps: readonly CatalogApp[], problems: readonly ValidationProblem[]): CardText {
  const kind = t(`workflows.stepKind.${step.kind}`);
  const base = { kind, title: stepTitle(step, apps), ...problemsOf(problems, step.id) };
  switch (step.kind) {
    case 'action': {
      const app = findApp(apps, step.task.app);
      const fields = findAction(apps, step.task)?.fields ?? [];
      // The object an action acts on (order_id of Add order tags) is the trigger's own; Flow's cards leave it out,
      // and the rest go by the field's name in the admin's language, not its key.
      const inputs = Object.entries(step.inputs)
        .filter(([key, v]) => v !== '' && !fields.some((f) => f.key === key && f.type.endsWith('_reference')))
        .map(([key, v]) => {
          const field = fields.find((f) => f.key === key);
          return `${field ? i18n.text(field.name) : key}: ${v}`;
        })
        .join(' · ');
      return {
        ...base,
        summary: shorten(inputs || t('canvas.summaryNone')),
        monogram: monogramOf(app ? i18n.text(app.name) : step.task.app),
        app: step.task.app,
      };
    }
    case 'condition':
      return { ...base, summary: shorten(conditionText(step.condition)), monogram: t('canvas.conditionMark'), app: 'flow' };
    case 'foreach':
      return { ...base, summary: shorten(step.list || t('canvas.summaryNone')), monogram: '⟳', app: 'flow' };
    case 'wait':
      return { ...base, summary: durationText(step.seconds), monogram: '⏱', app: 'flow' };
    case 'opaque':
      return { ...base, summary: step.taskId, monogram: '?', app: 'flow' };
  }
}
