import * as path from 'node:path';

/**
 * Where the data lives, computed without Electron so that browser mode (plain Node)
 * opens the very same database as the desktop app.
 *
 * Mirrors Electron's app.getPath('userData') = appData + app name, where the name is
 * package.json's productName. appData per platform, as Chromium computes it:
 * Windows %APPDATA% (Roaming), macOS ~/Library/Application Support,
 * Linux and others $XDG_CONFIG_HOME or ~/.config.
 */
export const PRODUCT_NAME = 'Flow Admin';
export const DATABASE_FILE_NAME = 'flow-admin.db';

type Env = Readonly<Record<string, string | undefined>>;

export function defaultUserDataDir(platform: NodeJS.Platform, env: Env, homedir: string): string {
  if (platform === 'win32') {
    // path.win32 so the result is right even when computed (or tested) on another OS.
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  }
  const configHome = nonEmpty(env.XDG_CONFIG_HOME) ?? path.posix.join(homedir, '.config');
  return path.posix.join(configHome, PRODUCT_NAME);
}

export function defaultDatabasePath(platform: NodeJS.Platform, env: Env, homedir: string): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(defaultUserDataDir(platform, env, homedir), DATABASE_FILE_NAME);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' ? value : undefined;
}
