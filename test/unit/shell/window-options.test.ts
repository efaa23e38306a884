import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/shell/window-options';

/** Electron's security checklist, item by item, on the options object main.ts gives its one window. */
describe('the main window options', () => {
  const options = mainWindowOptions('/app/build/electron/preload.js', ['organizations.list', 'workflows.get']);
  const prefs = options.webPreferences!;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s', (name, value) => {
    expect(prefs[name]).toBe(value);
  });

  it('enables no Blink features and loads only the given preload, passing it the method names and nothing else', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/build/electron/preload.js');
    expect(prefs.additionalArguments).toEqual(['--flow-admin-methods=organizations.list,workflows.get']);
  });

  it('stays hidden until its first paint, so no blank window flashes', () => {
    expect(options.show).toBe(false);
  });
});
