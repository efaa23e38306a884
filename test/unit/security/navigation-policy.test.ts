import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  isAppUrl,
  isSafeExternalUrl,
  normalizeExternalUrl,
} from '../../../electron/security/navigation-policy';

const APP = 'app://flow-admin';

describe('isAppUrl', () => {
  it.each([
    'app://flow-admin/',
    'app://flow-admin/index.html',
    'app://flow-admin/assets/index-abc.js',
    'app://flow-admin/stores?org=1#x',
    'APP://FLOW-ADMIN/',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url, APP)).toBe(true);
  });

  it.each([
    'app://flow-admin.evil.com/',
    'app://evil/',
    'app://flow-admin@evil/',
    'app://user:pw@flow-admin/',
    'https://flow-admin/',
    'file:///etc/passwd',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, APP)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAppUrl(undefined, APP)).toBe(false);
    expect(isAppUrl(null, APP)).toBe(false);
    expect(isAppUrl(42, APP)).toBe(false);
  });

  it('works for the browser mode origin, port included', () => {
    const origin = 'http://127.0.0.1:5178';
    expect(isAppUrl('http://127.0.0.1:5178/assets/a.js', origin)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5179/', origin)).toBe(false);
    expect(isAppUrl('https://127.0.0.1:5178/', origin)).toBe(false);
    expect(isAppUrl('http://localhost:5178/', origin)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    'https://help.shopify.com/en/manual/shopify-flow',
    'http://example.com',
    'https://apps.shopify.com/klaviyo-email-marketing?surface=flow#top',
  ])('accepts web link %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with whitespace tricks', ' java\nscript:alert(1)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['smb:', 'smb://attacker/share'],
    ['custom handler', 'ms-msdt:/id PCWDiagnostic'],
    ['mailto:', 'mailto:someone@example.com'],
    ['app origin', 'app://flow-admin/'],
    ['credentials', 'https://user:secret@example.com/'],
    ['username only', 'https://admin@example.com/'],
    ['no host', 'https://'],
    ['relative', '/settings'],
    ['garbage', 'ht!tp://%%%'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ toString: () => 'https://example.com' })).toBe(false);
  });
});

describe('normalizeExternalUrl', () => {
  it('returns the parsed form, so what was checked is what gets opened', () => {
    expect(normalizeExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(normalizeExternalUrl('https://exa\tmple.com/')).toBe('https://example.com/');
  });

  it('returns null for unsafe links', () => {
    expect(normalizeExternalUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('decideNavigation', () => {
  it('allows navigation within the app', () => {
    expect(decideNavigation('app://flow-admin/index.html', APP)).toBe('allow');
  });

  it('denies everything else, web links included', () => {
    expect(decideNavigation('https://example.com/', APP)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', APP)).toBe('deny');
    expect(decideNavigation('garbage', APP)).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('never opens a window; web links go to the system browser', () => {
    expect(decideWindowOpen('https://help.shopify.com/')).toEqual({ action: 'deny', openExternally: true });
  });

  it('does not hand dangerous or in-app URLs to the OS', () => {
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('app://flow-admin/other')).toEqual({ action: 'deny', openExternally: false });
  });
});
