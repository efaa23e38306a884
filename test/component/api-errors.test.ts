import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/lib/api/client';
import { placeErrors } from '../../renderer/src/lib/api-errors';

describe('placeErrors', () => {
  it('puts invalid input next to the fields it names and the rest on the form', () => {
    const error = new ApiError({
      code: 'invalid_input',
      message: 'stores.add: domain: must be a store address; name: must not be empty; extra: unknown',
      details: { issues: [{ path: 'domain', message: 'must be a store address' }, { path: 'name', message: 'must not be empty' }, { path: 'extra', message: 'unknown' }] },
    });
    expect(placeErrors(error, ['name', 'domain', 'timeZone'])).toEqual({
      fields: { domain: 'must be a store address', name: 'must not be empty' },
      form: 'extra: unknown',
    });
  });

  it('puts a refusal that names a field next to it, and one that names none on the form', () => {
    const clash = new ApiError({ code: 'conflict', message: 'The organization already has a store named "Oslo"', details: { path: ['name'] } });
    expect(placeErrors(clash, ['name'])).toEqual({ fields: { name: 'The organization already has a store named "Oslo"' }, form: '' });
    const refused = new ApiError({ code: 'refused', message: 'Flow is not installed', details: { storeId: 'x' } });
    expect(placeErrors(refused, ['account'])).toEqual({ fields: {}, form: 'Flow is not installed' });
    expect(placeErrors(new Error('offline'), ['account'])).toEqual({ fields: {}, form: 'offline' });
  });
});
