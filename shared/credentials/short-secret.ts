// Secrets too short to hide (DESIGN.md §6). Redaction replaces whole secret values in what people read;
// a value under MIN_REDACTED_LENGTH characters ("2026", "abc1") would match ordinary data — dates,
// amounts, ids — so it is not looked for at all. Such a secret is still accepted (some services issue
// short PINs), with this warning wherever it is set: the CLI, the designer's form.

export const MIN_REDACTED_LENGTH = 8;

export function shortSecretWarning(secret: string | undefined): string | undefined {
  if (secret === undefined || secret === '' || secret.length >= MIN_REDACTED_LENGTH) return undefined;
  return `this secret is shorter than ${MIN_REDACTED_LENGTH} characters, too short to be recognised and hidden in logs, traces and error messages; use a longer one if the service allows it`;
}
