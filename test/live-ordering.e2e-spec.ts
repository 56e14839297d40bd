import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../apps/api/src/live/outbox-relay.service';
import { connectLive, emitEvents, listen, LiveClient, relayCaughtUp, sleep } from './support/live-factories';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const LEEDS = 'E08000035';
const WAKEFIELD = 'E08000036';

/**
 * Gap-free, in-order delivery when transactions commit out of seq order or roll back, and resume after a
 * reconnect. Events are written with plain SQL in hand-driven transactions, the way concurrent API
 * requests would write them.
 */
describe('live ordering and resume', () => {
  let t: TestApp;
  let port: number;
  let pool: Pool;
  const clients: LiveClient[] = [];

  const watch = async (area = LEEDS, sinceSeq?: number) => {
    await relayCaughtUp(t.app, t.db);
    const client = await connectLive(port, { token: t.adminToken });
    clients.push(client);
    const ack = await client.subscribe(sinceSeq === undefined ? { localAuthorityCode: area } : { localAuthorityCode: area, sinceSeq });
    expect(ack.ok).toBe(true);
    return client;
  };

  const open = new Set<PoolClient>();
  /** Opens a transaction and records one event in it; the caller commits or rolls back. */
  const begin = async (area = LEEDS): Promise<{ seq: number; tx: PoolClient }> => {
    const tx = await pool.connect();
    open.add(tx);
    await tx.query('begin');
    const { rows } = await tx.query(
      `insert into outbox_event (type, local_authority_code, data) values ('bed.status_changed', $1, '{"status":"available"}') returning seq`,
      [area],
    );
    return { seq: Number(rows[0].seq), tx };
  };
  const end = async ({ tx }: { tx: PoolClient }, how: 'commit' | 'rollback') => {
    open.delete(tx);
    await tx.query(how);
    tx.release();
  };
  const committedEvent = async (area = LEEDS) => {
    const step = await begin(area);
    await end(step, 'commit');
    return step.seq;
  };

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.LIVE_TEST_LOG ?? 'silent' });
    port = await listen(t.app);
    pool = new Pool({ connectionString: t.database.url, max: 12 });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    // A failed test must not leave a writer open: the relay would rightly wait for it for ever.
    for (const tx of open) await end({ tx }, 'rollback');
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  describe('when transactions commit out of seq order', () => {
    it('holds a later seq back until the earlier transaction commits, then sends both in order', async () => {
      const client = await watch();
      const first = await begin();
      const second = await begin();
      expect(second.seq).toBeGreaterThan(first.seq);
      await end(second, 'commit');
      await sleep(300);
      expect(client.seqs).toEqual([]);
      await end(first, 'commit');
      await client.waitFor((c) => c.events.length === 2);
      expect(client.seqs).toEqual([first.seq, second.seq]);
    });

    it('steps over a rolled-back seq only once its transaction has ended', async () => {
      const client = await watch();
      const doomed = await begin();
      const kept = await begin();
      await end(kept, 'commit');
      await sleep(300);
      expect(client.seqs).toEqual([]);
      await end(doomed, 'rollback');
      await client.waitFor((c) => c.events.length === 1);
      expect(client.seqs).toEqual([kept.seq]);
      const next = await committedEvent();
      await client.waitFor((c) => c.events.length === 2);
      expect(client.seqs).toEqual([kept.seq, next]);
    });

    it('delivers exactly the committed events, in seq order, under concurrent writers with rollbacks', async () => {
      const leeds = await watch(LEEDS);
      const wakefield = await watch(WAKEFIELD);
      const committed: Record<string, number[]> = { [LEEDS]: [], [WAKEFIELD]: [] };
      let rolledBack = 0;
      const worker = async (w: number) => {
        for (let i = 0; i < 15; i++) {
          const area = (w + i) % 3 === 0 ? WAKEFIELD : LEEDS;
          const tx = await pool.connect();
          try {
            await tx.query('begin');
            const seqs: number[] = [];
            for (let k = 0; k < 1 + ((w * 7 + i) % 3); k++) {
              const { rows } = await tx.query(
                `insert into outbox_event (type, local_authority_code, data) values ('placement.created', $1, $2) returning seq`,
                [area, { worker: w, round: i, item: k }],
              );
              seqs.push(Number(rows[0].seq));
            }
            await sleep(Math.floor(Math.random() * 15));
            if (Math.random() < 0.25) {
              await tx.query('rollback');
              rolledBack++;
            } else {
              await tx.query('commit');
              committed[area].push(...seqs);
            }
          } finally {
            tx.release();
          }
        }
      };
      await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(worker));
      expect(rolledBack).toBeGreaterThan(0);
      for (const [client, area] of [[leeds, LEEDS], [wakefield, WAKEFIELD]] as const) {
        const expected = [...committed[area]].sort((a, b) => a - b);
        await client.waitFor((c) => c.events.length >= expected.length, 10_000, `${expected.length} events in ${area}`);
        await sleep(200);
        expect(client.seqs).toEqual(expected);
      }
    });

    it('gives snapshots their position: the highest seq they see and the lower ones still to come', async () => {
      await relayCaughtUp(t.app, t.db);
      const relay = t.app.get(OutboxRelay);
      const manager = t.app.get(DataSource).manager;
      const inFlight = await begin();
      const committed = await begin();
      await end(committed, 'commit');
      const position = await relay.positionIn(manager);
      expect(position.seq).toBe(committed.seq);
      // Also any rolled-back seq the relay has not stepped over yet: a client waits for nothing from those.
      expect(position.pending).toContain(inFlight.seq);
      expect(position.pending.every((seq) => seq < committed.seq)).toBe(true);
      await end(inFlight, 'commit');
      await relayCaughtUp(t.app, t.db);
      expect(await relay.positionIn(manager)).toEqual({ seq: committed.seq, pending: [] });
    });

    it("waits for the gap's own writer only, not for other open transactions", async () => {
      const client = await watch();
      // Long transactions that wrote, but not to the outbox: here, and in another database on the server.
      const bystander = await pool.connect();
      open.add(bystander);
      await bystander.query('begin');
      await bystander.query(`insert into organisation (name, kind) values ($1, 'ngo')`, [`Bystander ${Date.now()}`]);
      const elsewhere = new Pool({ connectionString: process.env.SAFE_HARBOUR_TEST_SERVER_URL, max: 1 });
      const other = await elsewhere.connect();
      try {
        await other.query('begin');
        await other.query('create temp table live_bystander (n int)');
        await other.query('insert into live_bystander values (1)');
        const doomed = await begin();
        const kept = await begin();
        await end(kept, 'commit');
        await end(doomed, 'rollback');
        await client.waitFor((c) => c.events.length === 1, 3000, 'the kept event while bystanders stay open');
        expect(client.seqs).toEqual([kept.seq]);
      } finally {
        await other.query('rollback');
        other.release();
        await elsewhere.end();
        await end({ tx: bystander }, 'rollback');
      }
    });

    it('records which transaction wrote each event, and draws the seq after the transaction id', async () => {
      const a = await begin();
      const b = await begin();
      await end(b, 'commit');
      await end(a, 'commit');
      const { rows } = await t.db.query(`select seq::int, xid::text from outbox_event where seq = any($1) order by seq`, [[a.seq, b.seq]]);
      expect(rows).toHaveLength(2);
      expect(BigInt(rows[0].xid)).toBeLessThan(BigInt(rows[1].xid));
    });
  });

  describe('when the relay loses its LISTEN connection', () => {
    const relaySessions = async () =>
      Number(
        (
          await t.db.query(
            `select count(*) from pg_stat_activity where datname = current_database() and application_name = 'safe-harbour-live-relay'`,
          )
        ).rows[0].count,
      );

    it('keeps delivering (by polling) and listens again', async () => {
      const client = await watch();
      expect(await relaySessions()).toBe(1);
      await t.db.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'safe-harbour-live-relay'`,
      );
      const seq = await committedEvent();
      await client.waitFor((c) => c.events.length === 1, 5000, 'the event, by the safety-net poll');
      expect(client.seqs).toEqual([seq]);
      const until = Date.now() + 5000;
      while ((await relaySessions()) !== 1 && Date.now() < until) await sleep(50);
      expect(await relaySessions()).toBe(1);
    });
  });

  describe('resume after a reconnect', () => {
    it('replays what was missed, in order and only for its subscriptions, then carries on live', async () => {
      const first = await watch();
      const before = [await committedEvent(), await committedEvent()];
      await first.waitFor((c) => c.events.length === 2);
      first.close();

      const missed = [await committedEvent(), await committedEvent()];
      await committedEvent(WAKEFIELD); // not subscribed: never replayed
      const again = await watch();
      const ack = await again.send('resume', { sinceSeq: first.lastSeq });
      expect(ack).toMatchObject({ ok: true, replayed: 2 });
      expect(again.seqs).toEqual(missed);
      const after = await committedEvent();
      await again.waitFor((c) => c.events.length === 3);
      expect(again.seqs).toEqual([...missed, after]);
      expect(first.seqs).toEqual(before);
    });

    it('replays in one step with subscribe { sinceSeq }', async () => {
      const since = await committedEvent();
      const missed = [await committedEvent(), await committedEvent()];
      const client = await watch(LEEDS, since);
      expect(client.seqs).toEqual(missed);
    });

    it('stays in order with nothing twice when events keep coming while it resumes', async () => {
      const since = await committedEvent();
      let producing = true;
      const produced: number[] = [];
      const producer = (async () => {
        while (producing) {
          produced.push(await committedEvent());
          await sleep(3);
        }
      })();
      await sleep(100);
      const client = await connectLive(port, { token: t.adminToken });
      clients.push(client);
      // Sent back to back, as a reconnecting dashboard does; live events must wait for the replay.
      const [subscribed, resumed] = await Promise.all([
        client.subscribe({ localAuthorityCode: LEEDS }),
        client.send('resume', { sinceSeq: since }),
      ]);
      expect(subscribed.ok).toBe(true);
      expect(resumed).toMatchObject({ ok: true });
      expect(resumed.reason).toBeUndefined();
      await sleep(150);
      producing = false;
      await producer;
      await client.waitFor((c) => c.lastSeq >= produced[produced.length - 1], 5000, 'the last produced event');
      expect(client.seqs).toEqual(produced);
    });

    it('tells a client to resync when it resumes after live events were already sent past its gap', async () => {
      const since = await committedEvent();
      await committedEvent(); // missed while away
      const client = await watch();
      const live = await committedEvent();
      await client.waitFor((c) => c.events.length === 1);
      const ack = await client.send('resume', { sinceSeq: since });
      expect(ack).toMatchObject({ ok: true, resync: true, reason: 'out_of_order' });
      expect(client.received).toEqual([
        { kind: 'event', seq: live },
        { kind: 'resync', seq: ack.seq },
      ]);
    });

    it('needs no resync when nothing was missed, even after live events', async () => {
      const client = await watch();
      const subscribedAt = t.app.get(OutboxRelay).cursor;
      const live = await committedEvent();
      await client.waitFor((c) => c.events.length === 1);
      expect(await client.send('resume', { sinceSeq: subscribedAt })).toMatchObject({ ok: true, replayed: 0 });
      expect(client.seqs).toEqual([live]);
      expect(client.resyncs).toEqual([]);
    });

    it('answers a resume with no subscriptions with nothing to replay', async () => {
      const client = await connectLive(port, { token: t.adminToken });
      clients.push(client);
      expect(await client.send('resume', { sinceSeq: 0 })).toEqual({ ok: true, seq: expect.any(Number), replayed: 0 });
    });

    it('tells a client that claims a position the server has not reached to resync', async () => {
      const client = await watch();
      const ack = await client.send('resume', { sinceSeq: t.app.get(OutboxRelay).cursor + 1000 });
      expect(ack).toMatchObject({ ok: true, resync: true, reason: 'ahead' });
      expect(client.resyncs).toEqual([{ seq: expect.any(Number), reason: 'ahead' }]);
      const next = await committedEvent();
      await client.waitFor((c) => c.events.length === 1);
      expect(client.seqs).toEqual([next]);
    });

    it('tells a client whose gap reaches back past the resume window to resync, then carries on live', async () => {
      const since = await committedEvent();
      // An event recorded two days ago (past LIVE_RESUME_WINDOW_SECONDS, 24 h by default).
      await t.db.query(
        `insert into outbox_event (type, at, local_authority_code, data) values ('bed.status_changed', now() - interval '2 days', $1, '{}')`,
        [LEEDS],
      );
      await emitEvents(t.app, { type: 'bed.status_changed', localAuthorityCode: LEEDS, data: { status: 'closed' } });
      await sleep(100);
      const client = await watch();
      const ack = await client.send('resume', { sinceSeq: since });
      expect(ack).toMatchObject({ ok: true, resync: true, reason: 'too_old' });
      expect(client.received).toEqual([{ kind: 'resync', seq: ack.seq }]);
      const next = await committedEvent();
      await client.waitFor((c) => c.events.length === 1);
      expect(client.seqs).toEqual([next]);
    });
  });
});
