import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentTypeFor, resolveAppFile } from '../../../electron/security/app-protocol';

const root = path.resolve('/opt/flow-admin/build/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('resolveAppFile', () => {
  it('serves files under the renderer directory', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/assets/index-abc.js`, root)).toBe(inRoot('assets', 'index-abc.js'));
    expect(resolveAppFile(`${APP_ORIGIN}/favicon.svg?v=2#x`, root)).toBe(inRoot('favicon.svg'));
    expect(resolveAppFile(`${APP_ORIGIN}/assets/a%20b.css`, root)).toBe(inRoot('assets', 'a b.css'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/`, root)).toBe(inRoot('index.html'));
    expect(resolveAppFile(`${APP_ORIGIN}`, root)).toBe(inRoot('index.html'));
    expect(resolveAppFile(`${APP_ORIGIN}/organizations/123`, root)).toBe(inRoot('index.html'));
  });

  it.each([
    ['encoded slash', '/..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded slash, fully', '/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['backslash', '/..%5c..%5csecret.txt'],
    ['NUL byte', '/index.html%00.png'],
    ['bad escape', '/%E0%A4%A.js'],
    ['sibling directory with the same prefix', '/..%2frenderer-other%2fx.js'],
  ])('refuses traversal: %s', (_label, pathname) => {
    expect(resolveAppFile(`${APP_ORIGIN}${pathname}`, root)).toBeNull();
  });

  it('clamps dot segments at the root (the URL parser resolves them, %2e%2e included)', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/../../secret.txt`, root)).toBe(inRoot('secret.txt'));
    expect(resolveAppFile(`${APP_ORIGIN}/%2e%2e/%2E%2E/secret.txt`, root)).toBe(inRoot('secret.txt'));
  });

  it('refuses other origins', () => {
    expect(resolveAppFile('app://other/index.html', root)).toBeNull();
    expect(resolveAppFile('https://flow-admin/index.html', root)).toBeNull();
    expect(resolveAppFile('app://x@flow-admin/index.html', root)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('gives scripts, styles and pages their real types (nosniff needs them)', () => {
    expect(contentTypeFor('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/a/x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/a/x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/a/x.woff2')).toBe('font/woff2');
  });

  it('falls back to an inert type', () => {
    expect(contentTypeFor('/a/x.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('/a/noext')).toBe('application/octet-stream');
  });
});
