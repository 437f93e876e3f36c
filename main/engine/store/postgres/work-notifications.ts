// Wake-ups for idle workers (DESIGN.md §8): a unit of work that queues messages sends a NOTIFY on
// WORK_CHANNEL, delivered when it commits; a waiting process LISTENs on one connection of its own
// (outside the pool) and wakes at once. Notifications are a hint, never the truth: every wait is also
// bounded by a poll interval, so a lost connection or a missed notification costs one interval at most.
import pg from 'pg';

export const WORK_CHANNEL = 'pipewright_work';

export class WorkNotifications {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly url: string) {}

  wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || this.closed) return Promise.resolve();
    this.listen();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  /** Connects the listening client unless it is connected (or connecting); failures leave the poll to it. */
  private listen(): void {
    if (this.client || this.connecting || this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'pipewright-listen' });
    const drop = (): void => {
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    };
    client.on('notification', () => {
      for (const wake of [...this.waiters]) wake();
    });
    client.on('error', drop);
    client.on('end', drop);
    this.connecting = client.connect()
      .then(() => client.query(`LISTEN ${WORK_CHANNEL}`))
      .then(() => {
        if (this.closed) drop();
        else this.client = client;
      }, drop)
      .finally(() => {
        this.connecting = undefined;
      });
  }
}
