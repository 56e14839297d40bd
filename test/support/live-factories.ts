import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { AppConfig } from '../../apps/api/src/config/config.schema';
import { LiveEvent } from '../../apps/api/src/live/live-events';
import { OutboxEventInput, OutboxService } from '../../apps/api/src/live/outbox.service';
import { OutboxRelay } from '../../apps/api/src/live/outbox-relay.service';
import { bearer, TestApp } from './test-app';

/** Listens on a free loopback port (socket.io needs a real server) and returns the port. */
export async function listen(app: INestApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** Another API process behind the same database: its own Nest app, relay, sockets and port. */
export async function startAnotherServer(config: AppConfig, databaseUrl: string): Promise<{ app: INestApplication; port: number }> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, databaseUrl)] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, config);
  await app.init();
  return { app, port: await listen(app) };
}

/** Records the outbox rows committed through the app's own OutboxService, in one transaction. */
export async function emitEvents(app: INestApplication, ...events: OutboxEventInput[]): Promise<void> {
  await app.get(DataSource).transaction((manager) => app.get(OutboxService).emit(manager, ...events));
}

export interface Ack {
  ok: boolean;
  seq?: number;
  replayed?: number;
  resync?: boolean;
  reason?: string;
  error?: { code: string; message: string };
}

/** A dashboard-like client: records every `event` and `resync` it receives. */
export class LiveClient {
  readonly events: LiveEvent[] = [];
  readonly resyncs: Array<{ seq: number; reason: string }> = [];
  readonly received: Array<{ kind: 'event' | 'resync'; seq: number }> = [];

  constructor(readonly socket: Socket) {
    socket.on('event', (event: LiveEvent) => {
      this.events.push(event);
      this.received.push({ kind: 'event', seq: event.seq });
    });
    socket.on('resync', (message: { seq: number; reason: string }) => {
      this.resyncs.push(message);
      this.received.push({ kind: 'resync', seq: message.seq });
    });
  }

  get seqs(): number[] {
    return this.events.map((e) => e.seq);
  }

  get lastSeq(): number {
    return this.events.length ? this.events[this.events.length - 1].seq : 0;
  }

  send(message: 'subscribe' | 'unsubscribe' | 'resume', body: unknown): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck(message, body);
  }

  async subscribe(body: Record<string, unknown>): Promise<Ack> {
    return this.send('subscribe', body);
  }

  /** Waits until `predicate` holds over what was received, or fails after `ms`. */
  async waitFor(predicate: (client: LiveClient) => boolean, ms = 5000, what = 'live events'): Promise<void> {
    const until = Date.now() + ms;
    while (!predicate(this)) {
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; received seqs ${JSON.stringify(this.seqs)}`);
      await sleep(10);
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

export function connectLive(port: number, auth: Record<string, unknown> | undefined): Promise<LiveClient> {
  return new Promise((resolve, reject) => {
    const socket = io(`http://127.0.0.1:${port}/live`, {
      path: '/socket.io',
      transports: ['websocket'],
      auth,
      reconnection: false,
      forceNew: true,
    });
    const client = new LiveClient(socket); // listening before connect: nothing sent early is missed
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export async function connectError(port: number, auth: Record<string, unknown> | undefined): Promise<string> {
  try {
    const client = await connectLive(port, auth);
    client.close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('The connection was accepted');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the app's relay has published everything committed so far (so earlier tests' events are out of the way). */
export async function relayCaughtUp(app: INestApplication, db: Pool, ms = 5000): Promise<void> {
  const { rows } = await db.query(`select coalesce(max(seq), 0)::int as seq from outbox_event`);
  const relay = app.get(OutboxRelay);
  const until = Date.now() + ms;
  while (relay.cursor < rows[0].seq) {
    if (Date.now() > until) throw new Error(`The relay is stuck at ${relay.cursor}, below ${rows[0].seq}`);
    await sleep(10);
  }
}

/** An operation led by `leadOrganisationId`, created by an admin through the public API. */
export async function newOperation(
  t: TestApp,
  fields: { leadOrganisationId: string; localAuthorityCode: string },
): Promise<{ id: string }> {
  const res = await t.http
    .post('/api/v1/operations')
    .set(bearer(t.adminToken))
    .send({
      name: `Operation ${randomUUID().slice(0, 6)}`,
      leadOrganisationId: fields.leadOrganisationId,
      localAuthorityCode: fields.localAuthorityCode,
      plannedStart: new Date(Date.now() + 86_400_000).toISOString(),
      expectedPeople: 12,
    })
    .expect(201);
  return { id: res.body.id };
}

export async function addAgency(t: TestApp, operationId: string, organisationId: string): Promise<void> {
  await t.http
    .post(`/api/v1/operations/${operationId}/agencies`)
    .set(bearer(t.adminToken))
    .send({ organisationId, attendance: 'present', contactName: 'Duty officer', contactPhone: '0113 000 0000' })
    .expect(201);
}
