import { describe, expect, it } from 'vitest';
import { dateInputHint, formatDateInput, parseDateInput } from '../../../renderer/src/lib/date-input';

describe('Dates typed in the UI language', () => {
  it('writes a date and time in the order and separators of the language', () => {
    expect(formatDateInput('2026-12-02T14:30', 'nb-NO')).toBe('02.12.2026 14:30');
    expect(formatDateInput('2026-12-02', 'en-GB')).toBe('02/12/2026');
    expect(formatDateInput('', 'en-GB')).toBe('');
  });

  it('reads day before month in both languages, never the American month first', () => {
    expect(parseDateInput('02.12.2026', 'nb-NO', false)).toBe('2026-12-02');
    expect(parseDateInput('2/12/2026', 'en-GB', false)).toBe('2026-12-02');
    expect(parseDateInput('02/12/2026 14:30', 'en-GB', true)).toBe('2026-12-02T14:30');
    expect(parseDateInput('02.12.2026', 'nb-NO', true)).toBe('2026-12-02T00:00');
  });

  it('reads ISO dates as typed by tools and people who prefer them', () => {
    expect(parseDateInput('2001-01-01', 'en-GB', false)).toBe('2001-01-01');
    expect(parseDateInput('2001-01-01 08:15', 'nb-NO', true)).toBe('2001-01-01T08:15');
  });

  it('refuses what is not a date: day 31 of a 30-day month, a month 13, a two-digit year, a time where none is asked', () => {
    expect(parseDateInput('31.11.2026', 'nb-NO', false)).toBeNull();
    expect(parseDateInput('12/13/2026', 'en-GB', false)).toBeNull();
    expect(parseDateInput('02.12.26', 'nb-NO', false)).toBeNull();
    expect(parseDateInput('02.12.2026 14:30', 'nb-NO', false)).toBeNull();
    expect(parseDateInput('yesterday', 'en-GB', false)).toBeNull();
    expect(parseDateInput('  ', 'en-GB', false)).toBe('');
  });

  it('tells how to write a date in each language', () => {
    expect(dateInputHint('nb-NO', 'nb', true)).toBe('dd.mm.åååå tt:mm');
    expect(dateInputHint('en-GB', 'en', false)).toBe('dd/mm/yyyy');
  });
});
