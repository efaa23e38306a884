import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/lib/api/client';
import { errorMessage, placeErrors } from '../../renderer/src/lib/api-errors';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';

afterEach(() => i18n.setLanguage('en'));

const invalid = (method: string, issues: { path: string; code: string; message: string }[]) =>
  new ApiError({
    code: 'invalid_input',
    message: `${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    details: { issues },
  });

describe('API errors in the admin’s words', () => {
  it('never shows the raw invalid-input message: each check becomes a sentence naming its field, in both languages', () => {
    const empty = invalid('organizations.create', [{ path: 'name', code: 'too_small', message: 'must not be empty' }]);
    i18n.setLanguage('en');
    expect(errorMessage(empty)).toBe('Name must be filled in.');
    i18n.setLanguage('nb');
    expect(errorMessage(empty)).toBe('Navn må fylles ut.');
    const long = invalid('stores.add', [{ path: 'name', code: 'too_big', message: 'must be at most 120 characters' }]);
    expect(errorMessage(long)).toBe('Navn kan ha høyst 120 tegn.');
  });

  it('puts invalid input next to the fields it names, without repeating the field, and the rest on the form', () => {
    const error = invalid('stores.add', [
      { path: 'domain', code: 'invalid_format', message: 'must be a store address like nordic-goods-oslo.myshopify.com' },
      { path: 'name', code: 'too_small', message: 'must not be empty' },
      { path: 'timeZone', code: 'custom', message: 'must be a time zone such as Europe/Oslo (IANA name)' },
    ]);
    expect(placeErrors(error, ['name', 'domain'])).toEqual({
      fields: { domain: 'Must be a store address like nordic-goods-oslo.myshopify.com.', name: 'Must be filled in.' },
      form: 'Time zone must be a time zone such as Europe/Oslo.',
    });
  });

  it('puts a refusal that names a field next to it (in English as the API words it, in Norwegian from its code), and one that names none on the form', () => {
    const clash = new ApiError({
      code: 'conflict',
      message: 'The organization already has a store named "Oslo"',
      details: { path: ['name'] },
    });
    expect(placeErrors(clash, ['name'])).toEqual({ fields: { name: 'The organization already has a store named "Oslo"' }, form: '' });
    i18n.setLanguage('nb');
    expect(placeErrors(clash, ['name']).fields.name).toBe('Navnet «Oslo» er allerede i bruk. Velg et annet navn.');
    i18n.setLanguage('en');
    const refused = new ApiError({ code: 'refused', message: 'Flow is not installed', details: { storeId: 'x' } });
    expect(placeErrors(refused, ['account'])).toEqual({ fields: {}, form: 'Flow is not installed' });
    expect(placeErrors(new Error('offline'), ['account'])).toEqual({ fields: {}, form: 'offline' });
    const gone = new ApiError({ code: 'not_found', message: 'Store 1 does not exist', details: { what: 'Store', id: '1' } });
    expect(errorMessage(gone)).toBe(
      'Could not find the store: it may have been removed in another window. Reload to see what is there now.',
    );
  });
});
