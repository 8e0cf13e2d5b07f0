// Issue "security": tokens, login throttling, the access log, and erasure (crypto-shredding): after it the
// child's name appears nowhere — not in the event table's bytes, not in any read model, not through the API.
import { JwtService } from '@nestjs/jwt';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const CHILD = 'Hà Thị Xoá Tên';
const REPORTER = 'Ông Báo Tin Bí Mật';

describe('Security', () => {
  let h: ApiHarness;
  let worker: string;

  beforeAll(async () => {
    h = await startApiHarness('security', { with: [ProjectorModule] });
    worker = await h.token('worker1');
  });
  afterAll(async () => {
    await h.close();
  });

  describe('tokens', () => {
    it('refuses a tampered token, an expired one, one signed with another key, and alg none', async () => {
      const jwt = new JwtService({ secret: h.config.jwtSecret });
      const [user] = await h.db.sql<{ user_id: string }[]>`select user_id from users where username = 'worker1'`;
      const me = (token: string) => h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect((await me(worker)).status).toBe(200);

      const [head, payload, sig] = worker.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }),
      ).toString('base64url');
      const tampered = await me(`${head}.${forgedPayload}.${sig}`);
      expect(tampered.status).toBe(401);
      expect(tampered.body.code).toBe('INVALID_TOKEN');

      const expired = await me(
        await jwt.signAsync({ sub: user!.user_id, exp: Math.floor(Date.now() / 1000) - 60 }, { issuer: 'sen' }),
      );
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('TOKEN_EXPIRED');

      const otherKey = await me(
        await new JwtService({ secret: 'not-the-secret' }).signAsync({ sub: user!.user_id }, { issuer: 'sen' }),
      );
      expect(otherKey.status).toBe(401);

      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: user!.user_id, iss: 'sen' })).toString('base64url')}.`;
      expect((await me(none)).status).toBe(401);
    });

    it('stops honouring a token when its user is deactivated', async () => {
      const police = await h.token('police');
      await h.db.sql`update users set active = false where username = 'education'`;
      const education = await h
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'education', password: 'sen-demo-2030' });
      expect(education.status).toBe(401);
      expect((await h.http().get('/api/v1/me').set('Authorization', `Bearer ${police}`)).status).toBe(200);
    });
  });

  it('throttles sign-in after repeated failures, even with the right password, and says when to retry', async () => {
    const login = (password: string) => h.http().post('/api/v1/auth/login').send({ username: 'health', password });
    for (let i = 0; i < 5; i++) expect((await login('wrong-password')).status).toBe(i < 4 ? 401 : 429);
    const locked = await login('sen-demo-2030');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Once the wait is over, the right password works again and the count starts over.
    await h.db.sql`update login_throttle set locked_until = now() - interval '1 second'`;
    expect((await login('sen-demo-2030')).status).toBe(200);
    const [row] = await h.db.sql<
      { failed_logins: number }[]
    >`select failed_logins from users where username = 'health'`;
    expect(row!.failed_logins).toBe(0);
  });

  it('writes every read of personal data to an append-only access log that admins read', async () => {
    const opened = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${worker}`)
      .send({
        child: { fullName: 'Phan Văn Nhật Ký', sex: 'male', ageYears: 6 },
        category: 'neglect',
        summary: 'Nhật ký truy cập',
        location: { areaCode: '29926' },
        reportedAt: '2026-11-20T07:00:00+07:00',
        source: 'walk_in',
      })
      .expect(201);
    const id = opened.body.caseId;
    await h.http().get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${worker}`).expect(200);
    await h.http().get(`/api/v1/cases/${id}/history`).set('Authorization', `Bearer ${worker}`).expect(200);
    await h
      .http()
      .get(`/api/v1/cases?minPosition=${opened.body.position}`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    const admin = await h.token('admin');
    const log = await h
      .http()
      .get(`/api/v1/admin/access-log?caseId=${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(
      log.body.items.map((i: { endpoint: string; username: string }) => `${i.username} ${i.endpoint}`).sort(),
    ).toEqual(['worker1 /api/v1/cases', 'worker1 /api/v1/cases/:id', 'worker1 /api/v1/cases/:id/history'].sort());
    expect(JSON.stringify(log.body)).not.toMatch(/Phan Văn/);
    await expect(h.db.sql`update access_log set username = 'someone else'`).rejects.toThrow(/append-only/);
    await expect(h.db.sql`delete from access_log`).rejects.toThrow(/append-only/);
    await expect(h.db.sql`truncate access_log`).rejects.toThrow(/append-only/);
  });

  it('erases a child: the name is nowhere afterwards, and no new personal data can be recorded for them', async () => {
    const body = {
      child: { fullName: CHILD, sex: 'female', dateOfBirth: '2014-03-08' },
      category: 'physical_violence',
      summary: `Hàng xóm báo ${CHILD} bị đánh.`,
      location: { areaCode: '29926' },
      reportedAt: '2026-11-20T07:00:00+07:00',
      source: 'community',
      reporter: { name: REPORTER, phone: '0987 654 321', relation: 'neighbour' },
    };
    const first = await h.http().post('/api/v1/cases').set('Authorization', `Bearer ${worker}`).send(body).expect(201);
    const childId = first.body.childId;
    // A second case of the same child, years later in the story.
    const second = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${worker}`)
      .send({ ...body, childId, category: 'neglect' })
      .expect(201);
    await h
      .http()
      .post(`/api/v1/cases/${first.body.caseId}/risk-assessments`)
      .set('Authorization', `Bearer ${worker}`)
      .set('If-Match', '1')
      .send({
        level: 'high',
        verification: 'confirmed',
        factors: [],
        notes: `${CHILD} sợ về nhà`,
        assessedAt: '2026-11-20T08:00:00+07:00',
      })
      .expect(200);
    const referred = await h
      .http()
      .post(`/api/v1/cases/${first.body.caseId}/referrals`)
      .set('Authorization', `Bearer ${worker}`)
      .set('If-Match', '2')
      .send({ toAgency: 'police', reason: 'Bảo vệ trẻ', urgency: 'emergency', consentWaivedReason: 'khẩn cấp' })
      .expect(201);
    const before = await h
      .http()
      .get(`/api/v1/cases?q=xoa ten&minPosition=${referred.body.position}`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    expect(before.body.items).toHaveLength(2);

    // Indicators 9 and 12 for the commune this year, before the erasure (the harness clock stands still).
    const supervisor = await h.token('supervisor');
    const indicators = async (position: number) => {
      const read = async (n: number) =>
        (
          await h
            .http()
            .get(`/api/v1/indicators/${n}?year=2026&areaCode=29926&minPosition=${position}`)
            .set('Authorization', `Bearer ${supervisor}`)
            .expect(200)
        ).body.result;
      return { nine: await read(9), twelve: await read(12) };
    };
    const indicatorsBefore = await indicators(referred.body.position);
    expect(indicatorsBefore.nine).toMatchObject({ children: 1, cases: 1 });

    const admin = await h.token('admin');
    const erased = await h
      .http()
      .delete(`/api/v1/children/${childId}/personal-data`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: 'yêu cầu của gia đình' });
    expect(erased.status).toBe(200);
    expect(erased.body.cases.sort()).toEqual([first.body.caseId, second.body.caseId].sort());

    // Through the API: erased everywhere, while the case itself (category, risk, deadlines) remains.
    await h
      .http()
      .get(`/api/v1/cases?minPosition=${erased.body.position}`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    const page = await h
      .http()
      .get(`/api/v1/cases/${first.body.caseId}`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    expect(page.body).toMatchObject({
      child: { fullName: '[erased]', dateOfBirth: '[erased]', ageYears: 12 },
      summary: '[erased]',
      reporter: { name: '[erased]', phone: '[erased]' },
      risk: { level: 'high', notes: '[erased]' },
      personalDataErased: true,
    });
    const history = await h
      .http()
      .get(`/api/v1/cases/${first.body.caseId}/history`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    expect(JSON.stringify(history.body)).not.toContain(CHILD);
    expect(
      (await h.http().get('/api/v1/cases?q=xoa ten').set('Authorization', `Bearer ${worker}`).expect(200)).body.items,
    ).toHaveLength(0);
    const police = await h.token('police');
    const inbox = await h.http().get('/api/v1/referrals/inbox').set('Authorization', `Bearer ${police}`).expect(200);
    expect(JSON.stringify(inbox.body)).not.toMatch(/Xoá Tên|Tên/);

    // In the database: not in the event table's bytes, not in any table at all.
    const needles = [CHILD, 'Xoá Tên', 'xoa ten', REPORTER, '0987 654 321'];
    const events = await h.db.sql<{ t: string }[]>`select data::text || metadata::text as t from events`;
    for (const n of needles) expect(events.filter((e) => e.t.toLowerCase().includes(n.toLowerCase()))).toEqual([]);
    const tables = await h.db.sql<
      { table_name: string }[]
    >`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const rows = await h.db.sql.unsafe<{ t: string }[]>(`select t::text as t from "${table_name}" t`);
      for (const n of needles)
        expect({
          table: table_name,
          hits: rows.filter((r) => r.t.toLowerCase().includes(n.toLowerCase())).length,
        }).toEqual({ table: table_name, hits: 0 });
    }

    // The indicators count the same as before: erasure removes the data, not the facts.
    expect(await indicators(erased.body.position)).toEqual(indicatorsBefore);

    // Nothing new can be recorded with the child's personal data.
    const again = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${worker}`)
      .send({ ...body, childId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PERSONAL_DATA_ERASED');
  });
});
