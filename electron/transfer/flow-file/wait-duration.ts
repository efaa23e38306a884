import type { FlowConfigValue } from './flow-json';

/**
 * How long a wait step pauses. The format description names the WAIT task but not its settings, so an
 * import accepts the spellings seen in hand-made files (`duration` as ISO 8601 or seconds, `seconds`, an
 * amount with a unit) and an export writes `duration` as ISO 8601 (`PT1H`, `P2D`).
 */
export const waitConfigIds = new Set(['duration', 'seconds', 'amount', 'unit', 'wait_time', 'wait_unit', 'time_unit', 'value']);

const unitSeconds: Record<string, number> = {
  second: 1,
  seconds: 1,
  sec: 1,
  s: 1,
  minute: 60,
  minutes: 60,
  min: 60,
  m: 60,
  hour: 3600,
  hours: 3600,
  h: 3600,
  day: 86400,
  days: 86400,
  d: 86400,
  week: 604800,
  weeks: 604800,
  w: 604800,
};

export function readWaitSeconds(config: readonly FlowConfigValue[]): number | null {
  const get = (...ids: string[]) => config.find((c) => ids.includes(c.config_field_id))?.value.trim();
  const duration = get('duration');
  if (duration !== undefined) return parseDuration(duration);
  const seconds = get('seconds');
  if (seconds !== undefined) return positiveInteger(seconds);
  const amount = get('amount', 'wait_time', 'value');
  const unit = get('unit', 'wait_unit', 'time_unit');
  if (amount !== undefined && unit !== undefined) {
    const n = positiveInteger(amount);
    const factor = unitSeconds[unit.toLowerCase()];
    return n !== null && factor !== undefined ? n * factor : null;
  }
  return null;
}

function parseDuration(text: string): number | null {
  const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) {
    const [w, d, h, m, s] = iso.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number];
    const total = w * 604800 + d * 86400 + h * 3600 + m * 60 + s;
    return total > 0 ? total : null;
  }
  const words = /^(\d+)\s*([a-z]+)$/i.exec(text);
  if (words) {
    const factor = unitSeconds[words[2]!.toLowerCase()];
    const n = Number(words[1]);
    return factor !== undefined && n > 0 ? n * factor : null;
  }
  return positiveInteger(text);
}

function positiveInteger(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function durationText(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}
