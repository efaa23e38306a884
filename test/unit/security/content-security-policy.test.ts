import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/security/content-security-policy';

/** Directive name -> its sources, so tests read like the policy. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('contentSecurityPolicy', () => {
  const policy = parsePolicy(contentSecurityPolicy);

  it('refuses everything not listed', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('allows only the app’s own scripts: no inline, no eval, no remote', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toContain('wasm-unsafe-eval');
    expect(contentSecurityPolicy).not.toMatch(/\*|https?:/);
  });

  it('allows styles, fonts and API calls from the app only', () => {
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('closes base, forms, framing and plugins', () => {
    for (const name of ['base-uri', 'form-action', 'frame-ancestors', 'object-src']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
  });

  it('is a single header value with no duplicate directives', () => {
    expect(contentSecurityPolicy).not.toMatch(/[\r\n]/);
    const names = contentSecurityPolicy.split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});
