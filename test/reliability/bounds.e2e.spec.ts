// Issue "hardening": bounds — body size, batch and page sizes, query timeouts, connection pool and HTTP
// server limits — configured, and what happens at each.
import type { Server } from 'node:http';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

describe('Bounds', () => {
  let h: ApiHarness;
  let worker: string;

  beforeAll(async () => {
    h = await startApiHarness('bounds', { env: { DB_STATEMENT_TIMEOUT_MS: '1000', DB_POOL_MAX: '7', BODY_LIMIT: '256kb', HTTP_REQUEST_TIMEOUT_MS: '30000' } });
    worker = await h.token('worker1');
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a body over the limit with 413 in the error shape', async () => {
    const res = await h.http().post('/api/v1/cases').set('Authorization', `Bearer ${worker}`).set('Content-Type', 'application/json').send(JSON.stringify({ summary: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' });
  });

  it('bounds page sizes and batch sizes', async () => {
    expect((await h.http().get('/api/v1/cases?limit=101').set('Authorization', `Bearer ${worker}`)).status).toBe(400);
    expect((await h.http().get('/api/v1/cases?limit=0').set('Authorization', `Bearer ${worker}`)).status).toBe(400);
    const incident = await h.http().post('/api/v1/incidents').set('Authorization', `Bearer ${worker}`).send({ type: 'flood', name: 'x', areaCodes: ['29926'], startedAt: '2026-11-20T00:00:00Z' }).expect(201);
    const tooMany = await h.http().post(`/api/v1/incidents/${incident.body.incidentId}/children`).set('Authorization', `Bearer ${worker}`).send({ children: Array.from({ length: 1001 }, () => ({ fullName: 'x' })) });
    // 1,001 tiny rows fit the body limit; the batch bound refuses them.
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0]).toMatchObject({ field: 'children' });
  });

  it('runs the pool and the statements within their limits, and a query over its time answers 503 QUERY_TIMEOUT', async () => {
    const sql = h.app.get<Sql>(SQL);
    expect((sql as unknown as { options: { max: number } }).options.max).toBe(7);
    const [setting] = await sql<{ statement_timeout: string }[]>`show statement_timeout`;
    expect(setting!.statement_timeout).toBe('1s');
    // Hold a lock the case list needs for longer than the statement timeout.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const locker = h.db.sql.begin(async (tx) => {
      await tx`lock table rm_cases in access exclusive mode`;
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    const res = await h.http().get('/api/v1/cases').set('Authorization', `Bearer ${worker}`);
    release();
    await locker;
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('QUERY_TIMEOUT');
    expect(res.headers['retry-after']).toBe('5');
  });

  it('sets the HTTP server limits', () => {
    const server = h.app.getHttpServer() as Server;
    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBe(20_000);
    expect(server.keepAliveTimeout).toBe(5_000);
    expect(server.maxHeadersCount).toBe(100);
  });
});
