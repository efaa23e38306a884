/**
 * Electron cannot run on the machines that test this project, so the shell's security
 * settings are checked by reading its source with the TypeScript parser. This is the
 * "lint rule" that keeps the settings from silently regressing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const electronDir = path.resolve(__dirname, '../../../electron');

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Source without comments, so a comment can neither satisfy nor trip a check. */
function code(file: string): string {
  return ts.createPrinter({ removeComments: true }).printFile(parse(file));
}

interface ModuleReference {
  specifier: string;
  typeOnly: boolean;
}

/** Every module a file loads: import/export-from declarations, require() and import(). */
function moduleReferences(file: string): ModuleReference[] {
  const found: ModuleReference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      // `import { type A } from 'x'` is as type-only as `import type { A } from 'x'`.
      const allNamedAreTypes =
        !!bindings &&
        ts.isNamedImports(bindings) &&
        !clause?.name &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: (clause?.isTypeOnly ?? false) || allNamedAreTypes });
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        found.push({ specifier: (node.arguments[0] as ts.StringLiteral).text, typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return found;
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

const mainFile = path.join(electronDir, 'main.ts');
const preloadFile = path.join(electronDir, 'preload.ts');
const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

describe('main.ts wiring', () => {
  const text = code(mainFile);

  it('builds its one window from mainWindowOptions (asserted at run time in window-options.test.ts), with nothing added', () => {
    expect(text.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(text).toMatch(/new BrowserWindow\(mainWindowOptions\([^()]*\([^()]*\), api\.methods\)\)/);
  });

  it('allows a single instance, which focuses the first window', () => {
    expect(text).toContain('app.requestSingleInstanceLock()');
    expect(text).toMatch(/'second-instance'[\s\S]*?\.focus\(\)/);
  });

  it('guards every web contents: navigation, redirects, webviews and new windows', () => {
    expect(text).toMatch(/'web-contents-created'/);
    expect(text).toMatch(/'will-navigate'/);
    expect(text).toMatch(/'will-redirect'/);
    expect(text).toMatch(/decideNavigation\(/);
    expect(text).toMatch(/'will-attach-webview'[^\n]*preventDefault\(\)/);
    expect(text).toMatch(/setWindowOpenHandler\(/);
    expect(text).not.toMatch(/action:\s*'allow'/);
    expect(text).toMatch(/return \{ action: 'deny' \}/);
  });

  it('refuses every permission request', () => {
    expect(text).toMatch(/setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)\)/);
    expect(text).toMatch(/setPermissionCheckHandler\(\(\)\s*=>\s*false\)/);
  });

  it('checks the sender of every API call before dispatching it', () => {
    expect(text).toMatch(/ipcMain\.handle\(API_CHANNEL[\s\S]*?isTrustedSender\(event\.senderFrame\?\.url[\s\S]*?api\.call\(/);
  });

  it('serves the UI from the privileged app:// scheme with the CSP header', () => {
    expect(text).toMatch(/registerSchemesAsPrivileged/);
    expect(text).toMatch(/protocol\.handle\(APP_SCHEME/);
    expect(text).toMatch(/'Content-Security-Policy': contentSecurityPolicy/);
    expect(text).toMatch(/resolveAppFile\(/);
  });

  it('starts the runtime and backups after opening, and shuts them down before quitting', () => {
    expect(text).toMatch(/openAppContext\([\s\S]*?startBackgroundWork\(\)/);
    expect(text).toMatch(/'before-quit'[\s\S]*?preventDefault\(\)[\s\S]*?shutdown\(\)/);
  });
});

describe('preload.ts', () => {
  const text = code(preloadFile);

  it('loads nothing but electron at runtime (a sandboxed preload cannot)', () => {
    const runtime = moduleReferences(preloadFile).filter((ref) => !ref.typeOnly);
    expect(runtime.map((ref) => ref.specifier)).toEqual(['electron']);
  });

  it('exposes only the API bridge, built from invoke on the shared channel', () => {
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(text).toMatch(/exposeInMainWorld\('flowAdminApi', /);
    expect(text).toMatch(/ipcRenderer\.invoke\(API_CHANNEL, method, input\)/);
    expect(text).not.toMatch(/ipcRenderer\.(send|on|once|sendSync|postMessage)\b/);
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });

  it('uses the same channel name as main.ts', () => {
    const channel = (source: string) => source.match(/const API_CHANNEL = '([^']+)'/)?.[1];
    expect(channel(text)).toBe('flow-admin:api');
    expect(channel(code(mainFile))).toBe('flow-admin:api');
  });
});

describe('the rest of electron/', () => {
  const others = tsFilesUnder(electronDir).filter((file) => file !== mainFile && file !== preloadFile);

  it('has files to check', () => {
    expect(others.length).toBeGreaterThan(3);
  });

  it('never loads electron (type-only imports are erased), so it loads and is tested under plain Node', () => {
    const offenders = others.filter((file) => moduleReferences(file).some((ref) => isElectron(ref.specifier) && !ref.typeOnly));
    expect(offenders.map((file) => path.relative(electronDir, file))).toEqual([]);
  });

  it('opens external links only through safeOpenExternal', () => {
    const callers = [mainFile, preloadFile, ...others].filter((file) => /\.openExternal\(/.test(code(file)));
    expect(callers.map((file) => path.relative(electronDir, file))).toEqual([path.join('shell', 'open-external.ts')]);
  });
});
