// Issue "hardening": bounds — body size, batch and page sizes, query timeouts, connection pool and HTTP
// server limits — configured, and what happens at each. Issue 20, point 7: each is exercised, not read back:
// the pool saturated by requests held on a lock (PostgreSQL sees no more of the API's connections than the
// pool's size, the rest wait in the pool), a statement cut at its timeout, slow clients cut off by the server.
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const POOL = 4;
const STATEMENT_TIMEOUT_MS = 2_000;
/** HTTP_REQUEST_TIMEOUT_MS; the headers' timeout is the same when under 20 s. */
const REQUEST_TIMEOUT_MS = 2_000;

/**
 * Opens a connection, sends `start`, then `drip` every 250 ms (a client too slow to finish its request), and
 * resolves when the server closes the connection: after how long, and what it answered.
 */
async function slowClient(port: number, start: string, drip: string): Promise<{ ms: number; answer: string }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  const started = Date.now();
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.write(start);
  const dripping = setInterval(() => socket.write(drip), 250);
  const closed = new Promise((r) => socket.once('close', r));
  const cap = setTimeout(() => socket.destroy(), 40_000); // Node's default check would cut it at 30 s
  await closed;
  clearInterval(dripping);
  clearTimeout(cap);
  return { ms: Date.now() - started, answer };
}

describe('Bounds', () => {
  let h: ApiHarness;
  let worker: string;

  beforeAll(async () => {
    h = await startApiHarness('bounds', {
      env: {
        DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        DB_POOL_MAX: String(POOL),
        BODY_LIMIT: '256kb',
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      },
    });
    worker = await h.token('worker1');
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a body over the limit with 413 in the error shape', async () => {
    const res = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${worker}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ summary: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' });
  });

  it('bounds page sizes and batch sizes', async () => {
    expect((await h.http().get('/api/v1/cases?limit=101').set('Authorization', `Bearer ${worker}`)).status).toBe(400);
    expect((await h.http().get('/api/v1/cases?limit=0').set('Authorization', `Bearer ${worker}`)).status).toBe(400);
    const incident = await h
      .http()
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${worker}`)
      .send({ type: 'flood', name: 'x', areaCodes: ['29926'], startedAt: '2026-11-20T00:00:00Z' })
      .expect(201);
    const tooMany = await h
      .http()
      .post(`/api/v1/incidents/${incident.body.incidentId}/children`)
      .set('Authorization', `Bearer ${worker}`)
      .send({ children: Array.from({ length: 1001 }, () => ({ fullName: 'x' })) });
    // 1,001 tiny rows fit the body limit; the batch bound refuses them.
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0]).toMatchObject({ field: 'children' });
  });

  /** Holds an exclusive lock on rm_cases (which GET /cases reads) until the returned function is called. */
  async function lockCases(): Promise<() => Promise<void>> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const locker = h.db.sql.begin(async (tx) => {
      await tx`lock table rm_cases in access exclusive mode`;
      locked();
      await held;
    });
    await isLocked;
    return async () => {
      release();
      await locker;
    };
  }

  it(`keeps to ${POOL} connections when more requests need the database at once: the rest wait in the pool`, async () => {
    const unlock = await lockCases();
    const REQUESTS = 3 * POOL;
    let answered = 0;
    const requests = Array.from({ length: REQUESTS }, () =>
      h
        .http()
        .get('/api/v1/cases')
        .set('Authorization', `Bearer ${worker}`)
        .then((r) => (answered++, r.status)),
    );
    // The API's connections as PostgreSQL sees them, while the lock holds every query on rm_cases.
    let most = 0;
    let mostBlocked = 0;
    let answeredWhileHeld = 0;
    const until = Date.now() + STATEMENT_TIMEOUT_MS / 2;
    while (Date.now() < until) {
      const [row] = await h.db.sql<{ connections: number; blocked: number }[]>`
        select count(*)::int as connections, count(*) filter (where wait_event_type = 'Lock')::int as blocked
          from pg_stat_activity where datname = current_database() and application_name = 'sen-api'`;
      most = Math.max(most, row!.connections);
      mostBlocked = Math.max(mostBlocked, row!.blocked);
      answeredWhileHeld = answered;
      await new Promise((r) => setTimeout(r, 25));
    }
    await unlock();
    const statuses = await Promise.all(requests);
    console.log(
      `pool: ${REQUESTS} requests at once, at most ${most} connections of sen-api (${mostBlocked} waiting on the lock), pool ${POOL}`,
    );
    // The pool filled up, and never went beyond its size; the other requests waited for a connection, not on
    // the lock in PostgreSQL, and all were answered once it was released.
    expect(mostBlocked).toBe(POOL);
    expect(most).toBe(POOL);
    expect(answeredWhileHeld).toBe(0);
    expect(statuses).toEqual(Array.from({ length: REQUESTS }, () => 200));
  });

  it('cuts a query at DB_STATEMENT_TIMEOUT_MS and answers 503 QUERY_TIMEOUT', async () => {
    const unlock = await lockCases();
    const started = Date.now();
    const res = await h.http().get('/api/v1/cases').set('Authorization', `Bearer ${worker}`);
    const ms = Date.now() - started;
    await unlock();
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('QUERY_TIMEOUT');
    expect(res.headers['retry-after']).toBe('5');
    // Cut by the statement timeout, not by anything sooner (the lock was held until the answer came).
    expect(ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 50);
  });

  describe('HTTP server limits', () => {
    let port = 0;
    beforeAll(async () => {
      const server = h.app.getHttpServer() as Server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      port = (server.address() as { port: number }).port;
    });

    it('cuts off a client that sends its headers too slowly after the headers timeout, with 408', async () => {
      const { ms, answer } = await slowClient(port, 'GET /health/live HTTP/1.1\r\nHost: sen\r\n', 'X-Slow: a\r\n');
      console.log(`slow headers: cut off after ${ms} ms (headers timeout ${REQUEST_TIMEOUT_MS} ms)`);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
    });

    it('cuts off a client that sends its body too slowly after HTTP_REQUEST_TIMEOUT_MS, with 408', async () => {
      const head =
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: sen\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
      const { ms, answer } = await slowClient(port, head, ' ');
      console.log(`slow body: cut off after ${ms} ms (request timeout ${REQUEST_TIMEOUT_MS} ms)`);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
    });

    it('closes an idle kept-alive connection after the keep-alive timeout (5 s)', async () => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise((r) => socket.once('connect', r));
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      socket.write('GET /health/live HTTP/1.1\r\nHost: sen\r\nConnection: keep-alive\r\n\r\n');
      const closed = new Promise((r) => socket.once('close', r));
      const answeredAt = await new Promise<number>((resolve) => {
        const check = setInterval(() => answer.includes('\r\n\r\n') && (clearInterval(check), resolve(Date.now())), 10);
      });
      const cap = setTimeout(() => socket.destroy(), 20_000);
      await closed;
      clearTimeout(cap);
      const idleMs = Date.now() - answeredAt;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(idleMs).toBeGreaterThanOrEqual(4_900);
      expect(idleMs).toBeLessThan(8_000);
    });

    it('keeps the configured limits on the server', () => {
      const server = h.app.getHttpServer() as Server;
      expect(server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
      expect(server.headersTimeout).toBe(REQUEST_TIMEOUT_MS);
      expect(server.keepAliveTimeout).toBe(5_000);
      expect(server.maxHeadersCount).toBe(100);
    });
  });
});
