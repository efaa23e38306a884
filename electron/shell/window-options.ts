import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window's options, built here rather than inline in main.ts so the security settings are asserted
 * field by field under plain Node (test/unit/shell/window-options.test.ts): Electron cannot run on the
 * machines that test this project. Every webPreferences switch that matters is written out, even where it
 * equals Electron's default, so a changed default can never loosen it.
 */
export function mainWindowOptions(preloadPath: string, apiMethods: readonly string[]): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Flow Admin',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // The sandboxed preload cannot import the contract, so it learns the method names here.
      additionalArguments: ['--flow-admin-methods=' + apiMethods.join(',')],
    },
  };
}
