import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, defaultUserDataDir } from '../../../electron/user-data-path';

describe('defaultUserDataDir (same place as Electron’s app.getPath("userData"))', () => {
  it('Linux: $XDG_CONFIG_HOME/Flow Admin', () => {
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/kari')).toBe('/data/cfg/Flow Admin');
  });

  it('Linux: ~/.config/Flow Admin when XDG_CONFIG_HOME is unset or empty', () => {
    expect(defaultUserDataDir('linux', {}, '/home/kari')).toBe('/home/kari/.config/Flow Admin');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/kari')).toBe('/home/kari/.config/Flow Admin');
  });

  it('macOS: ~/Library/Application Support/Flow Admin, ignoring XDG', () => {
    expect(defaultUserDataDir('darwin', { XDG_CONFIG_HOME: '/x' }, '/Users/kari')).toBe(
      '/Users/kari/Library/Application Support/Flow Admin',
    );
  });

  it('Windows: %APPDATA%\\Flow Admin', () => {
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\kari\\AppData\\Roaming' }, 'C:\\Users\\kari')).toBe(
      'C:\\Users\\kari\\AppData\\Roaming\\Flow Admin',
    );
  });

  it('Windows: falls back to the Roaming folder under the home directory', () => {
    expect(defaultUserDataDir('win32', {}, 'C:\\Users\\kari')).toBe('C:\\Users\\kari\\AppData\\Roaming\\Flow Admin');
  });
});

describe('defaultDatabasePath', () => {
  it('is flow-admin.db in the user data directory', () => {
    expect(defaultDatabasePath('linux', {}, '/home/kari')).toBe('/home/kari/.config/Flow Admin/flow-admin.db');
    expect(defaultDatabasePath('darwin', {}, '/Users/kari')).toBe('/Users/kari/Library/Application Support/Flow Admin/flow-admin.db');
    expect(defaultDatabasePath('win32', { APPDATA: 'D:\\Roaming' }, 'C:\\Users\\kari')).toBe('D:\\Roaming\\Flow Admin\\flow-admin.db');
  });
});
