import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Namespace, Socket } from 'socket.io';
import { AuthUser } from '../auth/roles';
import { AppConfig } from '../config/config.schema';
import { AreaFilter, areaEventVisible } from '@safe-harbour/domain';
import { areaRoom, eventOrganisation, LiveEvent, operationRoom, roomsFor, toLiveEvent, USER_ACCESS_CHANGED } from './live-events';
import { LiveRepository } from './live.repository';
import { OutboxRelay } from './outbox-relay.service';

/** Beyond this a snapshot is cheaper than a replay: the client is told to `resync`. */
const MAX_REPLAY = 10_000;
/** Live events kept back for one socket while it catches up; past this it is told to `resync`. */
const MAX_HELD = 10_000;
/**
 * A new subscription's first live events wait up to this long after the socket's last `subscribe` (a
 * `resume` ends the wait at once), so that a reconnecting client's `resume`, sent just after its
 * subscribes, still finds nothing newer sent and can replay in order; otherwise an event slipping in
 * between would force a `resync`.
 */
export const SUBSCRIBE_GRACE_MS = 250;

interface Subscription {
  /** The relay's cursor when the socket joined the room: later events reach it live. */
  joinedAt: number;
  /** Every event of the room with a seq above this has been sent to the socket (or is held for it). */
  coveredFrom: number;
}

/** What the server keeps per connected socket, in `socket.data.live`. */
export interface LiveSocketState {
  user: AuthUser;
  /** What an area subscription may carry to this user (set by the gateway from the access layer). */
  areaFilter: AreaFilter | null;
  subscriptions: Map<string, Subscription>;
  /** Live events kept back while a replay runs (null when none runs). */
  held: LiveEvent[] | null;
  overflowed: boolean;
  /** The highest seq sent to this socket one by one (replays, held events); broadcasts are tracked per room. */
  lastSent: number;
  /** The cursor when the socket last went live (room broadcasts reach it after this). */
  liveFrom: number;
  graceTimer?: NodeJS.Timeout;
  replaying: boolean;
  /** Commands run one at a time, in the order they arrived. */
  queue: Promise<unknown>;
}

export type ResyncReason = 'too_old' | 'too_many' | 'ahead' | 'out_of_order' | 'overflow';

export interface LiveAck {
  ok: boolean;
  seq?: number;
  replayed?: number;
  resync?: boolean;
  reason?: ResyncReason;
  error?: { code: string; message: string };
}

export const liveState = (socket: Socket): LiveSocketState => socket.data.live;

/**
 * Per-socket delivery. The relay publishes each event once per process, in seq order; this class turns
 * that into one ordered stream per socket: room broadcasts (socket.io `local`, so a Redis adapter never
 * duplicates them across servers) in the common case, and a replay from the outbox when a client catches
 * up, during which that socket's live events are held back and then released after the replay, so the
 * stream stays in seq order with nothing missing and nothing twice.
 */
@Injectable()
export class LiveDelivery {
  private nsp?: Namespace;
  /** The seq of the last event broadcast to each room that has local sockets. */
  private readonly roomLastSeq = new Map<string, number>();
  private readonly heldSockets = new Set<Socket>();

  constructor(
    private readonly relay: OutboxRelay,
    private readonly repository: LiveRepository,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  attach(nsp: Namespace): void {
    this.nsp = nsp;
    this.adapterReplaced(nsp);
    this.relay.onEvents((events) => this.deliver(events));
  }

  /** Calls `listener` after each batch holding a new operation or a roster change. */
  onRosterChanged(listener: () => void): void {
    this.relay.onEvents((events) => {
      if (events.some((e) => e.type === 'operation.created' || e.type === 'agency.updated')) listener();
    });
  }

  /** Calls `listener` with the user id of every `user.access_changed` event the relay publishes. */
  onAccessChanged(listener: (userId: string) => void): void {
    this.relay.onEvents((events) => {
      for (const event of events) {
        if (event.type === USER_ACCESS_CHANGED && typeof event.data.userId === 'string') listener(event.data.userId);
      }
    });
  }

  /** After the namespace got a new adapter (the Redis one, once Redis answers). */
  adapterReplaced(nsp: Namespace): void {
    nsp.adapter.on('delete-room', (room: string) => this.roomLastSeq.delete(room));
  }

  initialise(socket: Socket, user: AuthUser): void {
    const state: LiveSocketState = {
      user,
      areaFilter: null,
      subscriptions: new Map(),
      held: null,
      overflowed: false,
      lastSent: 0,
      liveFrom: 0,
      replaying: false,
      queue: Promise.resolve(),
    };
    socket.data.live = state;
  }

  forget(socket: Socket): void {
    clearTimeout(liveState(socket)?.graceTimer);
    this.heldSockets.delete(socket);
  }

  get cursor(): number {
    return this.relay.cursor;
  }

  ready(): Promise<void> {
    return this.relay.ready;
  }

  /** Runs synchronously for each batch the relay publishes. */
  private deliver(events: LiveEvent[]): void {
    const nsp = this.nsp;
    if (!nsp) return;
    const rooms = nsp.adapter.rooms;
    for (const event of events) {
      const targets = roomsFor(event).filter((room) => rooms.has(room));
      if (targets.length === 0) continue;
      for (const room of targets) this.roomLastSeq.set(room, event.seq);
      // An area room is a window on everything addressed to the area: its members get only what they may see.
      const blocked = new Set<string>();
      const area = event.localAuthorityCode ? rooms.get(areaRoom(event.localAuthorityCode)) : undefined;
      for (const id of area ?? []) {
        const socket = nsp.sockets.get(id);
        if (socket && !this.mayReceive(socket, event)) blocked.add(id);
      }
      const except: string[] = [...blocked];
      for (const socket of this.heldSockets) {
        if (blocked.has(socket.id) || !targets.some((room) => socket.rooms.has(room))) continue;
        this.hold(socket, event);
        except.push(socket.id);
      }
      // socket.io sends an event once to a socket that is in several of the target rooms.
      const broadcast = nsp.local.to(targets);
      (except.length ? broadcast.except(except) : broadcast).emit('event', event);
    }
  }

  /**
   * Whether this socket may receive the event: through an operation subscription (checked when it
   * subscribed), or through an area subscription when the access layer's area filter lets it through.
   */
  mayReceive(socket: Socket, event: LiveEvent): boolean {
    const state = liveState(socket);
    if (event.operationId && state.subscriptions.has(operationRoom(event.operationId))) return true;
    if (!event.localAuthorityCode || !state.subscriptions.has(areaRoom(event.localAuthorityCode))) return false;
    const filter = state.areaFilter;
    if (!filter) return false;
    const organisationId = eventOrganisation(event);
    // A new operation the subscriber's organisation leads is theirs from its first event.
    if (event.type === 'operation.created' && event.operationId && organisationId === state.user.organisationId) {
      (filter.operationIds as Set<string>).add(event.operationId);
    }
    return areaEventVisible(filter, { operationId: event.operationId, siteId: event.siteId, organisationId });
  }

  /** Live from now on; replays first when `sinceSeq` is given. */
  async subscribe(socket: Socket, room: string, sinceSeq?: number): Promise<LiveAck> {
    const state = liveState(socket);
    if (!state.subscriptions.has(room)) {
      this.startHolding(socket);
      // Joining and reading the cursor in one synchronous step (adapters add local members at once), so
      // nothing is published in between: events up to the cursor came before, later ones will follow.
      void socket.join(room);
      state.subscriptions.set(room, { joinedAt: this.cursor, coveredFrom: this.cursor });
      if (sinceSeq === undefined && !state.replaying) {
        clearTimeout(state.graceTimer);
        state.graceTimer = setTimeout(() => this.release(socket), SUBSCRIBE_GRACE_MS);
      }
    }
    if (sinceSeq === undefined) return { ok: true, seq: this.cursor };
    return this.catchUp(socket, [room], sinceSeq);
  }

  unsubscribe(socket: Socket, room: string): LiveAck {
    const state = liveState(socket);
    state.subscriptions.delete(room);
    void socket.leave(room);
    state.held = state.held?.filter((e) => this.matchesAny(state, e)) ?? null;
    return { ok: true, seq: this.cursor };
  }

  /** Replays what this socket's subscriptions missed after `sinceSeq`. */
  async resume(socket: Socket, sinceSeq: number): Promise<LiveAck> {
    const state = liveState(socket);
    if (state.subscriptions.size === 0) return { ok: true, seq: this.cursor, replayed: 0 };
    return this.catchUp(socket, [...state.subscriptions.keys()], sinceSeq);
  }

  private async catchUp(socket: Socket, rooms: string[], sinceSeq: number): Promise<LiveAck> {
    const state = liveState(socket);
    this.startHolding(socket);
    state.replaying = true;
    clearTimeout(state.graceTimer); // released below, after the replay
    try {
      const tooOld = await this.unresumable(sinceSeq);
      if (tooOld) return this.resync(socket, rooms, tooOld);

      // Everything up to the cursor is final and published; anything later is being held for us.
      const upTo = this.cursor;
      const target = { operationIds: [] as string[], areaCodes: [] as string[] };
      for (const room of rooms) {
        const [kind, id] = splitRoom(room);
        (kind === 'operation' ? target.operationIds : target.areaCodes).push(id);
      }
      const rows = await this.repository.eventsFor(target, sinceSeq, upTo, MAX_REPLAY + 1);
      if (rows.length > MAX_REPLAY) return this.resync(socket, rooms, 'too_many');
      const missed = rows.map(toLiveEvent).filter((event) => !this.alreadySent(state, event) && this.mayReceive(socket, event));
      // The socket's stream only moves forward: if it has been sent a later event, order cannot be kept.
      if (missed.length > 0 && missed[0].seq <= this.lastSentTo(socket)) return this.resync(socket, rooms, 'out_of_order');

      for (const event of missed) socket.emit('event', event);
      if (missed.length) state.lastSent = missed[missed.length - 1].seq;
      for (const room of rooms) {
        const subscription = state.subscriptions.get(room);
        if (subscription) subscription.coveredFrom = Math.min(subscription.coveredFrom, sinceSeq);
      }
      return { ok: true, seq: this.cursor, replayed: missed.length };
    } finally {
      state.replaying = false;
      this.release(socket);
    }
  }

  /** Why `sinceSeq` cannot be resumed from, or null when it can. */
  private async unresumable(sinceSeq: number): Promise<ResyncReason | null> {
    if (sinceSeq > this.cursor) return 'ahead'; // e.g. the database was restored from a backup
    if (sinceSeq === this.cursor) return null;
    const first = await this.repository.firstAfter(sinceSeq);
    const windowMs = this.config.get('LIVE_RESUME_WINDOW_SECONDS', { infer: true }) * 1000;
    if (first && first.at.getTime() < Date.now() - windowMs) return 'too_old';
    return null;
  }

  /** Live from now; the client fetches snapshots (they carry a seq) and applies later events on top. */
  private resync(socket: Socket, rooms: string[], reason: ResyncReason): LiveAck {
    const state = liveState(socket);
    for (const room of rooms) {
      const subscription = state.subscriptions.get(room);
      if (subscription) subscription.coveredFrom = this.cursor;
    }
    socket.emit('resync', { seq: this.cursor, reason });
    return { ok: true, seq: this.cursor, resync: true, reason };
  }

  private alreadySent(state: LiveSocketState, event: LiveEvent): boolean {
    return roomsFor(event).some((room) => {
      const subscription = state.subscriptions.get(room);
      return subscription !== undefined && event.seq > subscription.coveredFrom;
    });
  }

  private matchesAny(state: LiveSocketState, event: LiveEvent): boolean {
    return roomsFor(event).some((room) => state.subscriptions.has(room));
  }

  private lastSentTo(socket: Socket): number {
    const state = liveState(socket);
    if (state.held) return state.lastSent; // broadcasts go to the held queue, not the socket
    let last = state.lastSent;
    for (const [room, subscription] of state.subscriptions) {
      const seq = this.roomLastSeq.get(room) ?? 0;
      if (seq > Math.max(subscription.joinedAt, state.liveFrom) && seq > last) last = seq;
    }
    return last;
  }

  private startHolding(socket: Socket): void {
    const state = liveState(socket);
    if (state.held) return;
    state.lastSent = this.lastSentTo(socket);
    state.held = [];
    this.heldSockets.add(socket);
  }

  private hold(socket: Socket, event: LiveEvent): void {
    const state = liveState(socket);
    if (!state.held || state.overflowed) return;
    if (state.held.length >= MAX_HELD) {
      state.overflowed = true;
      state.held = [];
      return;
    }
    state.held.push(event);
  }

  /** Sends what was held back and goes live again. */
  private release(socket: Socket): void {
    const state = liveState(socket);
    clearTimeout(state.graceTimer);
    state.graceTimer = undefined;
    if (!state.held || state.replaying) return;
    const held = state.held;
    state.held = null;
    state.liveFrom = this.cursor;
    this.heldSockets.delete(socket);
    if (state.overflowed) {
      state.overflowed = false;
      this.resync(socket, [...state.subscriptions.keys()], 'overflow');
      return;
    }
    for (const event of held) {
      if (event.seq <= state.lastSent) continue; // already sent by the replay
      socket.emit('event', event);
      state.lastSent = event.seq;
    }
  }
}

function splitRoom(room: string): [string, string] {
  const at = room.indexOf(':');
  return [room.slice(0, at), room.slice(at + 1)];
}
