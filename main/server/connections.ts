// Which sockets are in the middle of a request, so shutdown can drop the others at once. Node's own
// closeIdleConnections leaves alone a socket that has connected but not sent a request yet (browsers
// and undici open such spare sockets), and server.close() then waits for the client to give up on it:
// seconds, or headersTimeout. Sockets with a call in flight are left to finish.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionTracker {
  /** Destroys every socket that has no request in flight right now. */
  destroyIdle(): void;
  /** Destroys every socket (the grace period is over). */
  destroyAll(): void;
}

export function trackConnections(server: Server): ConnectionTracker {
  const inFlight = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const count = inFlight.get(socket);
      if (count !== undefined) inFlight.set(socket, Math.max(0, count - 1));
    });
  });
  return {
    destroyIdle() {
      for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
    },
    destroyAll() {
      for (const socket of inFlight.keys()) socket.destroy();
    },
  };
}
