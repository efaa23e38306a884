/**
 * Dates typed and shown in the UI's language, not the browser's. Chromium's native date inputs follow the
 * browser's own locale (mm/dd/yyyy on an American system) whatever language the app speaks, while the rest
 * of the app says "2. des. 2026"; so date filters are text fields in the order and separators Intl gives
 * for the app's locale ("02.12.2026 14:30" in Norwegian, "02/12/2026 14:30" in British English).
 *
 * Values are local ISO strings as the native inputs gave them: "2026-12-02" or "2026-12-02T14:30".
 */

type Part = 'day' | 'month' | 'year';

interface Pattern {
  order: Part[];
  separator: string;
}

const sample = new Date(2026, 11, 2, 14, 5);

/** The order of day, month and year and their separator in a locale's numeric date. */
export function datePattern(locale: string): Pattern {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(sample);
  const order = parts
    .filter((p): p is Intl.DateTimeFormatPart & { type: Part } => p.type === 'day' || p.type === 'month' || p.type === 'year')
    .map((p) => p.type);
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '/';
  return { order, separator };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-12-02T14:30" as the locale writes it: "02.12.2026 14:30". Empty for an empty value. */
export function formatDateInput(value: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return '';
  const [, year, month, day, hour, minute] = match;
  const { order, separator } = datePattern(locale);
  const byPart: Record<Part, string> = { day: day!, month: month!, year: year! };
  const date = order.map((p) => byPart[p]).join(separator);
  return hour !== undefined ? `${date} ${hour}:${minute}` : date;
}

/**
 * What the admin typed, as a local ISO value; null when it is not a date (or a date and time when
 * `withTime`). The locale's order is read with any of . / - as separator; "2026-12-02" (ISO) is read too.
 * With `withTime`, a date alone means its start (00:00).
 */
export function parseDateInput(text: string, locale: string, withTime: boolean): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const match = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:[ ,T]+(\d{1,2})[:.](\d{2}))?$/.exec(trimmed);
  if (!match) return null;
  const [, a, b, c, hourText, minuteText] = match;
  let year: number, month: number, day: number;
  if (a!.length === 4) {
    [year, month, day] = [Number(a), Number(b), Number(c)];
  } else {
    const numbers = [Number(a), Number(b), Number(c)];
    const { order } = datePattern(locale);
    const at = (p: Part) => numbers[order.indexOf(p)]!;
    [year, month, day] = [at('year'), at('month'), at('day')];
    if (year < 100) return null;
  }
  const hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (hourText !== undefined && !withTime) return null;
  const check = new Date(year, month - 1, day, hour, minute);
  const valid =
    check.getFullYear() === year &&
    check.getMonth() === month - 1 &&
    check.getDate() === day &&
    check.getHours() === hour &&
    check.getMinutes() === minute;
  if (!valid) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return withTime ? `${date}T${pad(hour)}:${pad(minute)}` : date;
}

/** How to write a date in a language: "dd.mm.åååå" in Norwegian, "dd/mm/yyyy" in English. */
export function dateInputHint(locale: string, language: 'nb' | 'en', withTime: boolean): string {
  const letters: Record<'nb' | 'en', Record<Part | 'time', string>> = {
    nb: { day: 'dd', month: 'mm', year: 'åååå', time: 'tt:mm' },
    en: { day: 'dd', month: 'mm', year: 'yyyy', time: 'hh:mm' },
  };
  const { order, separator } = datePattern(locale);
  const date = order.map((p) => letters[language][p]).join(separator);
  return withTime ? `${date} ${letters[language].time}` : date;
}
