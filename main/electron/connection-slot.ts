// Which service connection answers the window's calls while the user switches workspaces. The new
// workspace's service is started first (so a locked database is reported before anything changes),
// then the page is reloaded: if the user keeps unsaved changes (beforeunload) the switch is cancelled
// and the new service stopped; once the reload starts, the new one becomes active and the old one is
// stopped. Generic and Electron-free so the hand-over is tested on its own.
export interface Stoppable {
  stop(): Promise<void>;
}

export class ConnectionSlot<C extends Stoppable> {
  private current: C | undefined;
  private next: C | undefined;

  get active(): C | undefined {
    return this.current;
  }

  get pending(): C | undefined {
    return this.next;
  }

  /** Without a page to reload (first start), the connection is active at once. */
  activate(connection: C): Promise<void> {
    const previous = this.current;
    this.current = connection;
    return stop(previous === connection ? undefined : previous, this.drop());
  }

  /** A switch that waits for the page to reload; a switch already pending is dropped. */
  begin(connection: C): Promise<void> {
    const dropped = this.drop();
    this.next = connection;
    return stop(dropped);
  }

  /** The page stayed (the user kept unsaved changes): the pending connection is stopped. */
  cancel(): Promise<void> {
    return stop(this.drop());
  }

  /** The page is reloading: the pending connection takes over; the old one is stopped. */
  commit(): Promise<void> {
    if (!this.next) return Promise.resolve();
    const previous = this.current;
    this.current = this.next;
    this.next = undefined;
    return stop(previous);
  }

  /** Shutdown: both are stopped. */
  clear(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    return stop(previous, this.drop());
  }

  private drop(): C | undefined {
    const pending = this.next;
    this.next = undefined;
    return pending;
  }
}

async function stop(...connections: Array<Stoppable | undefined>): Promise<void> {
  await Promise.all(connections.map((connection) => connection?.stop()));
}
