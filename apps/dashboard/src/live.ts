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

/**
 * What the badge says, in words:
 * - connecting: first connection under way;
 * - live: connected and the subscription was accepted;
 * - refused: connected, but the server refused the subscription (its reason is in `message`);
 * - offline: the connection is down; socket.io keeps trying;
 * - stale: offline for more than STALE_AFTER_MS: the figures on screen may be out of date;
 * - expired: the session ended (token expired or refused): sign in again.
 */
export type LiveState = 'connecting' | 'live' | 'refused' | 'offline' | 'stale' | 'expired';

export interface LiveStatus {
  state: LiveState;
  /** The server's reason when refused. */
  message: string | null;
  lastEventAt: Date | null;
  /** When the connection went down (offline and stale). */
  since: Date | null;
  lastSeq: number;
}

export const STALE_AFTER_MS = 30_000;

export const initialLiveStatus = (): LiveStatus => ({ state: 'connecting', message: null, lastEventAt: null, since: null, lastSeq: 0 });

const TOKEN_PROBLEM = /token/i;

/**
 * One socket to `/live`. socket.io reconnects by itself (also after a server restart); on every
 * (re)connect we subscribe again and resume from the last seq we saw, so no event is missed. If the
 * server answers `resync`, the gap is too old to replay and the caller refetches its snapshots. When the
 * token expires (the server says `token_expired`, or refuses the handshake) the caller is told to sign in.
 */
export function connectLive(
  token: string,
  scope: Scope,
  handlers: { onEvent(e: LiveEvent): void; onStatus(s: LiveStatus): void; onResync(): void; onExpired(): void },
): () => void {
  const status = initialLiveStatus();
  const socket: Socket = io('/live', { path: '/socket.io', transports: ['websocket'], auth: { token } });
  let staleTimer: number | undefined;
  const report = () => handlers.onStatus({ ...status });
  const set = (state: LiveState, message: string | null = null) => {
    window.clearTimeout(staleTimer);
    status.state = state;
    status.message = message;
    if (state === 'offline') {
      status.since = status.since ?? new Date();
      staleTimer = window.setTimeout(() => status.state === 'offline' && set('stale'), STALE_AFTER_MS);
    } else if (state !== 'stale') {
      status.since = null;
    }
    report();
  };
  const expired = () => {
    set('expired', 'Your session has expired');
    socket.disconnect();
    handlers.onExpired();
  };

  socket.on('connect', () => {
    socket.emit('subscribe', scope, (ack: { ok: boolean; seq?: number; error?: { code: string; message: string } } | undefined) => {
      if (!ack?.ok) {
        set('refused', ack?.error?.message ?? 'The server refused the live subscription');
        return;
      }
      set('live');
      if (status.lastSeq > 0) socket.emit('resume', { sinceSeq: status.lastSeq });
      else if (typeof ack.seq === 'number') status.lastSeq = ack.seq;
    });
  });
  socket.on('connect_error', (err: Error) => {
    if (TOKEN_PROBLEM.test(err.message)) return expired();
    if (status.state !== 'stale') set('offline');
  });
  socket.on('token_expired', expired);
  socket.on('disconnect', (reason: string) => {
    if (status.state === 'expired') return;
    set('offline');
    // The server closed it on purpose (not a restart): socket.io does not retry these by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('event', (event: LiveEvent) => {
    if (event.seq <= status.lastSeq) return; // a replay we already applied
    status.lastSeq = event.seq;
    status.lastEventAt = new Date();
    report();
    handlers.onEvent(event);
  });
  socket.on('resync', () => handlers.onResync());
  return () => {
    window.clearTimeout(staleTimer);
    socket.disconnect();
  };
}
