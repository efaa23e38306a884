import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/security/ipc-sender';

const APP = 'app://flow-admin';

describe('isTrustedSender', () => {
  it('trusts frames showing the app', () => {
    expect(isTrustedSender('app://flow-admin/', APP)).toBe(true);
    expect(isTrustedSender('app://flow-admin/index.html#/stores', APP)).toBe(true);
  });

  it('distrusts frames on any other origin', () => {
    for (const url of [
      'https://evil.example/',
      'app://other/',
      'app://flow-admin.evil/',
      'app://x@flow-admin/',
      'file:///home/user/page.html',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,hi',
    ]) {
      expect(isTrustedSender(url, APP), url).toBe(false);
    }
  });

  it('distrusts a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null, APP)).toBe(false);
    expect(isTrustedSender(undefined, APP)).toBe(false);
    expect(isTrustedSender('', APP)).toBe(false);
  });
});
