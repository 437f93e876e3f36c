// One better-sqlite3 handle shared by the SQLite store's parts. better-sqlite3 is synchronous, so a
// single statement can never interleave with another; only a unit of work spans awaits (its callback
// is asynchronous for the sake of stores with a network hop). While one is open, every other call
// waits for it at this gate, so nothing from another task slips into its transaction.
import { translating } from './errors.js';
import type { StateDatabase } from './database.js';

export class SqliteConnection {
  private gate: Promise<void> | undefined;

  constructor(readonly db: StateDatabase, readonly path: string) {}

  /** Runs synchronous statements once no unit of work is open; driver errors become engine errors. */
  async run<T>(work: () => T): Promise<T> {
    while (this.gate) await this.gate;
    return translating(this.path, work);
  }

  /** Runs `work` inside BEGIN IMMEDIATE … COMMIT, rolled back if it throws. */
  async unit<T>(work: () => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    try {
      translating(this.path, () => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await work();
        translating(this.path, () => this.db.exec('COMMIT'));
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.gate = undefined;
      open();
    }
  }

  /** For statements inside a unit of work: no gate (the unit holds it), same error translation. */
  now<T>(work: () => T): T {
    return translating(this.path, work);
  }
}
