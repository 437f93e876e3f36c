// Counts as the command prints them: thousands grouped with commas ("100,000 messages"). Written out
// rather than `toLocaleString('en-US')`, whose first call loads ICU's number formatting: ~20 ms of every
// command's start, for a comma.

/** `value` with its integer digits grouped by three: 1234567.5 → "1,234,567.5". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  // Exponent forms (1e21 and up) are printed as they are: no count reaches them.
  if (/e/i.test(whole)) return String(value);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
