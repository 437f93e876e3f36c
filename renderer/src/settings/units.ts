// Numbers as people type and read them in the settings forms: durations ("500 ms", "1.5 s", "2 min",
// "1 h"; a bare number is seconds), counts ("10,000") and percentages ("2.5" or "2.5 %").

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1, s: 1000, sec: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hour: 3_600_000, hours: 3_600_000,
};

/** Milliseconds (whole), or undefined when the text is not a duration. Empty text is not one either. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = DURATION_UNITS[(match[2] ?? '').toLowerCase() || 's'];
  if (unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}

/** "500 ms", "1.5 s", "2 min", "1 h": the largest unit that shows the value whole, else seconds. */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000 || ms === 0) return `${tidy(ms / 1000)} s`;
  return `${ms} ms`;
}

/** A whole number, with "," "_" or spaces between digit groups allowed; undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const digits = text.trim().replace(/(?<=\d)[,_\s](?=\d{3})/g, '');
  return /^-?\d+$/.test(digits) ? Number(digits) : undefined;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A share 0..1 from a percentage ("2.5", "2.5 %"); undefined when the text is not a number. */
export function parsePercent(text: string): number | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*%?\s*$/.exec(text);
  return match ? tidy(Number(match[1]) / 100) : undefined;
}

export function formatPercent(share: number): string {
  return `${tidy(share * 100)}`;
}

/** Drops binary floating-point noise (0.025 * 100 = 2.5000000000000004). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
