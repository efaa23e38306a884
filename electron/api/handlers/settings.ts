import { settingsContract } from '../contract/settings';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { mutation } from '../mutation';

type Language = 'system' | 'nb' | 'en';
type Theme = 'system' | 'light' | 'dark';
type EditorView = 'form' | 'canvas';

function read(ctx: HandlerContext) {
  return {
    actorName: ctx.settings.get('actorName') ?? '',
    systemUserName: ctx.systemUserName,
    language: (ctx.settings.get('language') ?? 'system') as Language,
    theme: (ctx.settings.get('theme') ?? 'system') as Theme,
    editorView: (ctx.settings.get('editorView') ?? 'form') as EditorView,
  };
}

export const settingsHandlers: Handlers<typeof settingsContract> = {
  'settings.get': (_input, ctx) => read(ctx),
  'settings.update': mutation('settings.updated', (input, ctx) => {
    const before = read(ctx);
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined) ctx.settings.set(key, value);
    }
    const after = read(ctx);
    return { value: after, audit: { summary: `Changed settings: ${Object.keys(input).join(', ')}`, before, after } };
  }),
};
