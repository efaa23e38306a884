/**
 * The Electron shell: lifecycle, the one window, and wiring. Everything that owns data
 * lives in plain modules behind openAppContext(); this file (and preload.ts) are the
 * only ones that import 'electron', so the rest runs and is tested under plain Node.
 *
 * Opening anything outside the app goes ONLY through safeOpenExternal
 * (electron/shell/open-external.ts); never call shell.openExternal directly.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { openAppContext, type AppContext } from './app-context';
import { APP_ORIGIN, APP_SCHEME, contentTypeFor, resolveAppFile } from './security/app-protocol';
import { contentSecurityPolicy } from './security/content-security-policy';
import { isTrustedSender } from './security/ipc-sender';
import { safeStorageKeyProvider } from './security/safe-storage-key';
import { keyFilePathFor } from './security/secret-box';
import { decideNavigation, decideWindowOpen } from './security/navigation-policy';
import { safeOpenExternal } from './shell/open-external';
import { mainWindowOptions } from './shell/window-options';
import { startupFailureMessage } from './shell/startup-failure';
import { StartupError } from './store/startup-check';
import { startingApi } from './api/starting-api';

const API_CHANNEL = 'flow-admin:api'; // same literal in preload.ts (it cannot import)
const rendererDir = path.join(__dirname, '..', 'renderer'); // build/electron -> build/renderer

// Must happen before 'ready': a standard, secure scheme gets a real origin, so CSP
// 'self', fetch and the IPC sender check all work as they would on https.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer sandboxed, including any we did not create ourselves.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let context: AppContext | null = null;

// Two instances would open the same SQLite database twice; the second one just
// brings the first window forward.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  // Let deliveries in flight finish before the database closes; what is left stays in the outbox.
  app.on('before-quit', (event) => {
    if (!context) return;
    event.preventDefault();
    const closing = context;
    context = null;
    void closing.shutdown().finally(() => app.quit());
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  const databasePath = path.join(app.getPath('userData'), 'flow-admin.db');
  // The window first, on an API that waits for the database: a long upgrade (in its worker thread, this thread
  // free) is shown in the window as "Upgrading the database: …, n of m" instead of a frozen, empty window.
  const api = startingApi();

  // The app never needs the camera, notifications, geolocation...: refuse all.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, serveAppFile);

  ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Checked per call: a frame can navigate after the window was created.
    if (!isTrustedSender(event.senderFrame?.url, APP_ORIGIN)) {
      return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'Method name must be a string.' } };
    }
    return api.call(method, input);
  });

  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.js'), api.methods));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/`);

  try {
    context = await openAppContext({
      databasePath,
      // The data key sealed by the OS keychain; browser mode keeps the plain key file.
      keyProvider: safeStorageKeyProvider(keyFilePathFor(databasePath), safeStorage),
      nativeBinding: sqliteBinding(),
      program: 'the desktop app',
      runtimeInWorker: true,
      // The file's check runs in a worker thread while the window opens on the first reads (app-context.ts).
      checkOffPath: true,
      upgradeInWorker: { onProgress: (progress) => api.progress(progress) },
    });
  } catch (error) {
    api.failed(error as Error);
    throw error;
  }
  api.ready(context.api);

  // The runtime then starts in its worker thread (the first answer never waits for it), once the file passed its
  // check. A damaged file ends the app with the same dialog as a refusal at start.
  void context.startBackgroundWork().catch((error: unknown) => {
    if (!(error instanceof StartupError)) return console.error('Flow Admin: the runtime could not start', error);
    const closing = context;
    context = null;
    closing?.close(); // writes nothing: the connection stays query_only after a failed check
    fail(error);
  });
}

/** Applied to every web contents, the main window's included. */
function guardContents(contents: WebContents): void {
  const blockNavigation = (event: { preventDefault(): void; url: string }) => {
    if (decideNavigation(event.url, APP_ORIGIN) === 'deny') event.preventDefault();
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void safeOpenExternal(shell, url);
    return { action: 'deny' };
  });
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = resolveAppFile(request.url, rendererDir);
  if (file === null) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** better-sqlite3 built for Electron's ABI: node_modules holds the Node build for tests. */
function sqliteBinding(): string | undefined {
  const fromEnv = process.env.FLOW_ADMIN_SQLITE_BINDING;
  if (fromEnv) return fromEnv;
  if (app.isPackaged) return path.join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return undefined;
}

/** E.g. a damaged database, a database open in another Flow Admin, a missing key: said in a dialog, in the system's language. */
function fail(error: unknown): void {
  console.error('Flow Admin could not start:', error);
  const { title, body } = startupFailureMessage(error, /^(nb|nn|no)\b/i.test(app.getLocale()) ? 'nb' : 'en');
  dialog.showErrorBox(title, body);
  app.exit(1);
}
