import { io, Socket } from 'socket.io-client';

export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  operationId?: string;
  siteId?: string;
  data: Record<string, unknown>;
}

export type Scope = { operationId: string } | { localAuthorityCode: string };

export interface LiveStatus {
  connected: boolean;
  lastEventAt: Date | null;
  lastSeq: number;
}

/**
 * One socket to `/live`. socket.io reconnects by itself (also after a server restart); on every
 * (re)connect we subscribe again and resume from the last seq we saw, so no event is missed. If the
 * server answers `resync`, the gap is too old to replay and the caller refetches its snapshots.
 */
export function connectLive(
  token: string,
  scope: Scope,
  handlers: { onEvent(e: LiveEvent): void; onStatus(s: LiveStatus): void; onResync(): void },
): () => void {
  const status: LiveStatus = { connected: false, lastEventAt: null, lastSeq: 0 };
  const socket: Socket = io('/live', { path: '/socket.io', transports: ['websocket'], auth: { token } });
  const report = () => handlers.onStatus({ ...status });

  socket.on('connect', () => {
    status.connected = true;
    report();
    socket.emit('subscribe', scope, (ack: { ok: boolean; seq?: number } | undefined) => {
      if (!ack?.ok) return;
      if (status.lastSeq > 0) socket.emit('resume', { sinceSeq: status.lastSeq });
      else if (typeof ack.seq === 'number') status.lastSeq = ack.seq;
    });
  });
  socket.on('disconnect', () => {
    status.connected = false;
    report();
  });
  socket.on('event', (event: LiveEvent) => {
    if (event.seq <= status.lastSeq) return; // a replay we already applied
    status.lastSeq = event.seq;
    status.lastEventAt = new Date();
    report();
    handlers.onEvent(event);
  });
  socket.on('resync', () => handlers.onResync());
  return () => socket.disconnect();
}
