// Issue 15, points 4 to 7 and 13: client addresses only from the proxies TRUST_PROXY names, sign-in throttling
// nobody can turn against a worker or use to learn which accounts exist, sessions that end with a password
// change or a sign-out, bodies too large or too deep refused before anything parses them, /metrics and /docs
// closed in production.
import { JwtService } from '@nestjs/jwt';
import { USER_CACHE_MS } from '../../apps/api/src/auth/sessions';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const PASSWORD = 'sen-demo-2030';
const OPEN_CASE = {
  child: { fullName: 'Lý Thị Địa Chỉ', sex: 'female', ageYears: 9 },
  category: 'neglect',
  summary: 'Địa chỉ giả',
  location: { areaCode: '29926' },
  reportedAt: '2026-11-20T07:00:00+07:00',
  source: 'walk_in',
};
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('Client addresses without a trusted proxy (TRUST_PROXY unset)', () => {
  let h: ApiHarness;
  let token: string;
  beforeAll(async () => {
    h = await startApiHarness('addr_none');
    // Signed in before the first test spends this address's sign-in allowance.
    token = await h.token('worker1');
  });
  afterAll(async () => {
    await h.close();
  });

  it('a spoofed X-Forwarded-For does not escape the per-address sign-in limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await h
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `10.9.${i}.${i + 1}`)
        .send({ username: `guess${i}`, password: 'wrong-password' });
      statuses.push(res.status);
    }
    // Twenty failures from one address (whatever the header says) lock it; the twenty-first request is refused.
    expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(19)).toEqual([429, 429, 429]);
  });

  it('a spoofed X-Forwarded-For does not reach the access log', async () => {
    const opened = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send(OPEN_CASE)
      .expect(201);
    await h
      .http()
      .get(`/api/v1/cases/${opened.body.caseId}/history`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', '203.0.113.66')
      .expect(200);
    const rows = await h.db.sql<
      { ip: string | null }[]
    >`select ip from access_log where case_id = ${opened.body.caseId}::uuid`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.ip).not.toContain('203.0.113.66');
      expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    }
  });
});

describe('Sign-in behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let h: ApiHarness;
  const login = (username: string, password: string, address: string) =>
    h.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username, password });

  beforeAll(async () => {
    h = await startApiHarness('addr_proxy', { env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('takes the client address from the proxy it trusts, into the access log', async () => {
    const token = await h.token('worker1');
    const opened = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send(OPEN_CASE)
      .expect(201);
    await h
      .http()
      .get(`/api/v1/cases/${opened.body.caseId}/history`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', '203.0.113.77')
      .expect(200);
    const [row] = await h.db.sql<
      { ip: string }[]
    >`select ip from access_log where case_id = ${opened.body.caseId}::uuid`;
    expect(row!.ip).toBe('203.0.113.77');
  });

  it('five wrong passwords from one address do not lock the owner out from another', async () => {
    const attacker = '198.51.100.1';
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await login('supervisor', 'wrong-password', attacker)).status);
    expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await login('supervisor', PASSWORD, attacker)).status).toBe(429);
    expect((await login('supervisor', PASSWORD, '198.51.100.2')).status).toBe(200);
  });

  it('answers an unknown username exactly as a known one: same statuses, same codes, a 429 for both', async () => {
    const answers = async (username: string, address: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await login(username, 'wrong-password', address);
        out.push(`${res.status} ${res.body.code} ${res.headers['retry-after'] === undefined ? '' : 'retry-after'}`);
      }
      return out;
    };
    const known = await answers('police', '198.51.100.11');
    const unknown = await answers('no-such-officer', '198.51.100.12');
    expect(unknown).toEqual(known);
    expect(known[4]).toBe('429 LOGIN_THROTTLED retry-after');
  });

  it('stops a guesser walking through usernames from one address, and nobody elsewhere', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await login(`walker${i}`, 'wrong-password', '198.51.100.21')).status);
    expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(statuses[19]).toBe(429);
    const next = await login('health', PASSWORD, '198.51.100.21');
    expect(next.status).toBe(429);
    expect(next.body.code).toBe('LOGIN_THROTTLED');
    expect((await login('health', PASSWORD, '198.51.100.22')).status).toBe(200);
  });

  it('counts failures in sen_login_failures_total and logs them without the password', async () => {
    await login('education', 'a-very-secret-guess-4711', '198.51.100.31');
    const metrics = await h.http().get('/metrics').expect(200);
    const line = metrics.text
      .split('\n')
      .find((l) => l.startsWith('sen_login_failures_total{') && l.includes('reason="bad_credentials"'));
    expect(Number(line?.split(' ').pop())).toBeGreaterThan(0);
    expect(metrics.text).toMatch(/sen_login_failures_total\{[^}]*reason="throttled"/);
    const logged = h.logs.lines.filter((l) => l.includes('sign-in failed'));
    expect(logged.some((l) => l.includes('"username":"education"') && l.includes('198.51.100.31'))).toBe(true);
    expect(h.logs.text()).not.toContain('a-very-secret-guess-4711');
  });
});

describe('Sessions', () => {
  let h: ApiHarness;
  let admin: string;
  const me = (token: string) => h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const userId = async (username: string) =>
    (await h.db.sql<{ user_id: string }[]>`select user_id from users where username = ${username}`)[0]!.user_id;
  const signIn = async (username: string, password = PASSWORD) =>
    (await h.http().post('/api/v1/auth/login').send({ username, password }).expect(200)).body.accessToken as string;

  beforeAll(async () => {
    h = await startApiHarness('sessions');
    admin = await h.token('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a token from before a password change', async () => {
    const before = await signIn('education');
    expect((await me(before)).status).toBe(200);
    await h
      .http()
      .patch(`/api/v1/admin/users/${await userId('education')}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ password: 'a-new-password-2031' })
      .expect(200);
    const refused = await me(before);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('TOKEN_REVOKED');
    expect((await me(await signIn('education', 'a-new-password-2031'))).status).toBe(200);
  });

  it('refuses a token from before a deactivation, even once the user is active again', async () => {
    const before = await signIn('health');
    const id = await userId('health');
    await h
      .http()
      .patch(`/api/v1/admin/users/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ active: false })
      .expect(200);
    await h
      .http()
      .patch(`/api/v1/admin/users/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ active: true })
      .expect(200);
    expect((await me(before)).status).toBe(401);
    expect((await me(await signIn('health'))).status).toBe(200);
  });

  it('refuses a token after its user signed out (every device of theirs)', async () => {
    const phone = await signIn('police');
    const desk = await signIn('police');
    await h.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${desk}`).expect(204);
    for (const token of [desk, phone]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_REVOKED');
    }
    expect((await h.http().post('/api/v1/auth/logout')).status).toBe(401);
  });

  it('refuses a token revoked by another replica once the cached user row is USER_CACHE_MS old', async () => {
    const token = await signIn('supervisor');
    expect((await me(token)).status).toBe(200); // the row is cached now
    // Another API replica signs the user out: only the table changes, this process's cache does not hear of it.
    await h.db.sql`update users set token_version = token_version + 1 where username = 'supervisor'`;
    await new Promise((resolve) => setTimeout(resolve, USER_CACHE_MS + 200));
    const res = await me(token);
    expect([res.status, res.body.code]).toEqual([401, 'TOKEN_REVOKED']);
  });

  it('refuses a token signed without an expiry', async () => {
    const id = await userId('analyst');
    const [row] = await h.db.sql<
      { token_version: number }[]
    >`select token_version from users where user_id = ${id}::uuid`;
    const tokenVersion = row!.token_version;
    const jwt = new JwtService({ secret: h.config.jwtSecret });
    const forever = await jwt.signAsync({ sub: id, tv: tokenVersion }, { issuer: 'sen' });
    expect(JSON.parse(Buffer.from(forever.split('.')[1]!, 'base64url').toString())).not.toHaveProperty('exp');
    const res = await me(forever);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
    const expiring = await jwt.signAsync({ sub: id, tv: tokenVersion }, { issuer: 'sen', expiresIn: 60 });
    expect((await me(expiring)).status).toBe(200);
  });
});

describe('Request bodies too large or too deep', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness('bodies');
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a megabyte of nested arrays at sign-in with 413, not 500', async () => {
    const res = await h.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(nested(500_000));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a small but deep sign-in body with 400 JSON_TOO_DEEP', async () => {
    const res = await h
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":${nested(1_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('JSON_TOO_DEEP');
  });

  it('refuses a deep body on any route before authentication or validation', async () => {
    for (const token of [null, await h.token('worker1')]) {
      let req = h.http().post('/api/v1/cases').set('Content-Type', 'application/json');
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      const res = await req.send(`{"child":${nested(500_000)}}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('JSON_TOO_DEEP');
    }
  });

  it('still takes a deep enough body: brackets inside strings do not count', async () => {
    const res = await h.http().post('/api/v1/auth/login').send({ username: '[[[[[[[[[[', password: '{{{{{{{{{{{{' });
    expect(res.status).toBe(401);
  });
});

describe('/metrics and /docs in production', () => {
  const production = {
    NODE_ENV: 'production',
    SEN_DEMO: '0',
    JWT_SECRET: 'prod-'.repeat(10),
    PII_MASTER_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i * 3 + 1)).toString('base64'),
  };

  it('serves neither /docs nor /metrics without DOCS_PUBLIC and METRICS_TOKEN', async () => {
    const h = await startApiHarness('prod_closed', { env: production });
    try {
      for (const path of ['/docs', '/docs-json', '/metrics'])
        expect([path, (await h.http().get(path)).status]).toEqual([path, 404]);
    } finally {
      await h.close();
    }
  });

  it('serves /metrics to the bearer of METRICS_TOKEN only, and /docs when DOCS_PUBLIC', async () => {
    const token = 'scrape-'.repeat(5);
    const h = await startApiHarness('prod_open', { env: { ...production, METRICS_TOKEN: token, DOCS_PUBLIC: 'true' } });
    try {
      const refused = await h.http().get('/metrics');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('METRICS_TOKEN_REQUIRED');
      expect((await h.http().get('/metrics').set('Authorization', 'Bearer not-the-token')).status).toBe(401);
      const ok = await h.http().get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(ok.text).toContain('sen_http_request_duration_seconds');
      expect((await h.http().get('/docs-json')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
