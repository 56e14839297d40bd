import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Namespace, Socket } from 'socket.io';
import { CurrentUserService } from '../access/current-user.service';
import { DomainError } from '../common/domain-error';
import { LiveAccess, roomOf } from './live-access.service';
import { LiveAck, LiveDelivery, liveState } from './live-delivery.service';
import { LiveTargetDto, parseMessage, ResumeDto, SubscribeDto, targetOf } from './live.dto';
import { LIVE_REDIS, LiveRedis } from './live-redis';

/**
 * socket.io namespace `/live` (path `/socket.io`). Protocol in the README, "Live updates".
 * Guards do not run on a socket connection, so the handshake token is checked in namespace middleware:
 * without a valid one the connection is refused (`connect_error`), and it is closed when the token expires.
 * Commands from one socket run one at a time in the order sent; each is answered by an ack. So a client
 * that sends `subscribe`s and then `resume` back to back (without waiting for the acks) gets the replay
 * before any live event: between the last subscribe going live and the resume holding live events back
 * there is no I/O, so the relay cannot publish in between.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);
  @WebSocketServer() readonly server: Namespace;

  constructor(
    private readonly currentUser: CurrentUserService,
    private readonly access: LiveAccess,
    private readonly delivery: LiveDelivery,
    @Inject(LIVE_REDIS) private readonly redis: LiveRedis | null,
  ) {}

  afterInit(nsp: Namespace): void {
    const redis = this.redis;
    if (redis) redis.whenConnected(() => this.joinCluster(nsp, redis));
    nsp.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || token === '') return next(new Error('A token is required in auth.token'));
      this.currentUser.fromToken(token).then(
        ({ user, expiresAt }) => {
          this.delivery.initialise(socket, user);
          if (expiresAt) socket.data.expiresAt = expiresAt;
          next();
        },
        (err: unknown) => next(new Error(err instanceof Error && err.message ? err.message : 'The token is invalid or has expired')),
      );
    });
    this.delivery.attach(nsp);
    // Rosters and new operations change what an area subscriber may see: read their filters again.
    this.delivery.onRosterChanged(() => {
      for (const socket of nsp.sockets.values()) {
        const state = liveState(socket);
        if (!state?.areaFilter) continue;
        this.access.areaFilter(state.user).then(
          (filter) => (state.areaFilter = filter),
          () => undefined,
        );
      }
    });
    // An admin deactivated an account or changed its roles (on any server: the event comes through the
    // outbox): its open connections close now; a client whose account is still active reconnects and
    // subscribes again under its new roles.
    this.delivery.onAccessChanged((userId) => {
      for (const socket of nsp.sockets.values()) {
        if (liveState(socket)?.user.id !== userId) continue;
        socket.emit('access_changed', { message: 'Your account was changed: sign in again or reconnect' });
        socket.disconnect(true);
      }
    });
  }

  /**
   * Switches to the Redis adapter once Redis answers (at start, or later when it comes back). Sockets
   * that connected in the meantime keep their rooms: they are carried over to the new adapter.
   */
  private joinCluster(nsp: Namespace, redis: LiveRedis): void {
    const before = nsp.adapter;
    const rooms = new Map([...before.sids].map(([id, joined]) => [id, new Set(joined)]));
    nsp.server.adapter(createAdapter(redis.pub, redis.sub, { key: redis.key }));
    for (const [id, joined] of rooms) void nsp.adapter.addAll(id, joined);
    this.delivery.adapterReplaced(nsp);
    void Promise.resolve(before.close()).catch(() => undefined);
    this.logger.log(`Live sockets joined the cluster (${rooms.size} connected here)`);
  }

  handleConnection(socket: Socket): void {
    const expiresAt: number | undefined = socket.data.expiresAt;
    if (!expiresAt) return;
    const timer = setTimeout(() => {
      socket.emit('token_expired', { message: 'Your session has expired: sign in again and reconnect' });
      socket.disconnect(true);
    }, Math.max(0, expiresAt - Date.now()));
    timer.unref();
    socket.data.expiryTimer = timer;
  }

  handleDisconnect(socket: Socket): void {
    clearTimeout(socket.data.expiryTimer);
    this.delivery.forget(socket);
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveAck> {
    return this.inTurn(socket, async () => {
      const dto = await parseMessage(SubscribeDto, body);
      const target = targetOf(dto);
      await this.delivery.ready();
      const state = liveState(socket);
      await this.access.assertMayWatch(state.user, target);
      if ('localAuthorityCode' in target) state.areaFilter = await this.access.areaFilter(state.user);
      return this.delivery.subscribe(socket, roomOf(target), dto.sinceSeq);
    });
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveAck> {
    return this.inTurn(socket, async () => {
      const target = targetOf(await parseMessage(LiveTargetDto, body));
      return this.delivery.unsubscribe(socket, roomOf(target));
    });
  }

  @SubscribeMessage('resume')
  resume(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveAck> {
    return this.inTurn(socket, async () => {
      const dto = await parseMessage(ResumeDto, body);
      await this.delivery.ready();
      return this.delivery.resume(socket, dto.sinceSeq);
    });
  }

  /**
   * Runs one command after the previous ones from the same socket; every failure becomes an ack. Each
   * command first reads the account again, so a change missed by the feed still binds the next command.
   */
  private inTurn(socket: Socket, command: () => Promise<LiveAck>): Promise<LiveAck> {
    const state = liveState(socket);
    const run = state.queue
      .then(async () => {
        try {
          state.user = await this.currentUser.resolve(state.user.id);
          if (state.areaFilter) state.areaFilter = await this.access.areaFilter(state.user);
        } catch {
          socket.emit('access_changed', { message: 'Your account is no longer active' });
          socket.disconnect(true);
          throw new DomainError(401, 'UNAUTHORIZED', 'This account is no longer active');
        }
        return command();
      })
      .catch((err: unknown) => this.refusal(err));
    state.queue = run;
    return run;
  }

  private refusal(err: unknown): LiveAck {
    if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message } };
    this.logger.error(`Live command failed: ${(err as Error)?.stack ?? err}`);
    return { ok: false, error: { code: 'INTERNAL', message: 'The server could not handle this message' } };
  }
}
