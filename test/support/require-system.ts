// System parts a test needs that npm does not install (Chromium, PostgreSQL, a keyring…), DESIGN.md §9:
// when one is missing the tests that need it skip with a message saying what to install, unless
// PIPEWRIGHT_REQUIRE_ALL=1 (set by .ci/run), where a missing part is an error that fails the file.
//
//   const chromium = requireSystem({ name: 'Chromium', present: existsSync(CHROMIUM), install: 'apt-get install -y chromium' });
//   describe.skipIf(!chromium.present)('…', …)            // and/or, per test: beforeEach((ctx) => chromium.skipUnlessPresent(ctx))

export interface SystemPart {
  /** What is needed, for people: "Chromium (/usr/bin/chromium)". */
  name: string;
  present: boolean;
  /** How to get it: "apt-get install -y chromium". */
  install: string;
}

export interface SystemCheck {
  present: boolean;
  /** Why the tests that need it skip; empty when present. */
  reason: string;
  /** In a beforeEach or a test: skips the current test with the reason when the part is missing. */
  skipUnlessPresent(context: { skip: (note?: string) => never }): void;
}

export const REQUIRE_ALL = process.env.PIPEWRIGHT_REQUIRE_ALL === '1';

/** Throws when the part is missing and PIPEWRIGHT_REQUIRE_ALL=1; else warns once and reports it absent. */
export function requireSystem(part: SystemPart): SystemCheck {
  if (part.present) return { present: true, reason: '', skipUnlessPresent: () => undefined };
  const reason = `${part.name} is missing; install it with \`${part.install}\``;
  if (REQUIRE_ALL) throw new Error(`${reason} (PIPEWRIGHT_REQUIRE_ALL=1: a missing system part fails instead of skipping)`);
  process.stderr.write(`skipping tests that need ${part.name}: ${reason}\n`);
  return {
    present: false,
    reason,
    skipUnlessPresent: (context) => context.skip(reason),
  };
}
