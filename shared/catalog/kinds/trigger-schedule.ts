import { Cron } from 'croner';
import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

/**
 * What happens to instants that passed while no server ran the schedule (down, redeploying, stalled):
 * `latest` fires the most recent of them once, `none` fires none.
 */
export const SCHEDULE_CATCH_UP = ['none', 'latest'] as const;
export type ScheduleCatchUp = (typeof SCHEDULE_CATCH_UP)[number];

/** The croner reading of a cron every part of Pipewright uses: the validation here, the server's timer. */
export function scheduleCron(cron: string, timezone?: string): Cron {
  return new Cron(cron, { paused: true, ...(timezone === undefined ? {} : { timezone }) });
}

const cron = z.string({ message: 'cron is a cron expression such as "0 */5 * * * *" (seconds first)' })
  .max(200, { message: 'the cron expression is longer than 200 characters' })
  .superRefine((pattern, ctx) => {
    let next: Date | null;
    try {
      next = scheduleCron(pattern).nextRun();
    } catch (error) {
      const reason = (error as Error).message.replace(/^Cron(Pattern|Date)?: /, '');
      ctx.addIssue({ code: 'custom', message: `not a valid cron expression: ${reason} (six fields, seconds first: "*/10 * * * * *" is every 10 seconds, "0 0 3 * * *" 3 a.m. daily)` });
      return;
    }
    if (next === null) ctx.addIssue({ code: 'custom', message: `"${pattern}" never fires: no date matches it from now on` });
  });

const timezone = z.string({ message: 'timezone is an IANA time zone name such as Europe/Berlin' })
  .superRefine((name, ctx) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${name}" is not an IANA time zone: use a name such as Europe/Berlin, America/New_York or UTC` });
    }
  });

export const triggerScheduleConfig = z.strictObject({
  /** croner syntax with seconds: `sec min hour day-of-month month day-of-week` (a five-field cron fires at second 0). */
  cron,
  timezone: timezone.optional().describe("The zone the cron's wall-clock times are read in; default: the server's local zone."),
  catchUp: z.enum(SCHEDULE_CATCH_UP, { message: 'catchUp must be "latest" (fire the latest missed instant once on start) or "none"' }).default('latest'),
});
export type TriggerScheduleConfig = z.infer<typeof triggerScheduleConfig>;

export const triggerSchedule = defineNodeKind({
  type: 'trigger.schedule',
  title: 'Schedule',
  category: 'trigger',
  effects: 'none',
  description: [
    'On `pipewright serve`, emits `{ "firedAt": "<the scheduled instant, ISO>" }` at each instant of `cron` (croner syntax with seconds first: `*/10 * * * * *` every 10 seconds, `0 */5 * * * *` every five minutes, `0 0 3 * * 1-5` at 3:00 on weekdays), read in the IANA `timezone` (default: the server\'s).',
    'Each instant is recorded with its message in one transaction, so it fires once, across restarts and servers sharing a store; its message id comes from flow, node and instant.',
    '`catchUp` decides about instants missed while no server ran the flow: `latest` (the default) fires the most recent missed instant once on start, `none` fires none. The first deploy fires nothing from the past. A server that falls behind (a stalled process, a machine waking from sleep) also fires only the latest instant due. In the designer, Run uses its samples.',
  ].join('\n\n'),
  configSchema: triggerScheduleConfig,
  defaultConfig: { cron: '0 */5 * * * *', catchUp: 'latest' },
  ports: () => ['out'],
  jsonataFields: () => [],
  isTrigger: true,
});
