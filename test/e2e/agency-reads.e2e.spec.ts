// Issue 20, point 9: two rules of an agency officer's reads that no test held. An officer of a unit sees the
// referrals to that unit and those to the agency as a whole, never another unit's (inbox and single referral); and
// every agency read of a case is written to the access log (DESIGN.md section 6). API and projector in this process.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

describe("An agency officer's reads", () => {
  let h: ApiHarness;
  let worker: string;
  let admin: string;
  let caseId: string;
  let position = 0;
  const referral: Record<'unitA' | 'unitB' | 'agency', string> = { unitA: '', unitB: '', agency: '' };

  const post = (path: string, token: string, body: object, version?: number) => {
    const req = h.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    if (version !== undefined) req.set('If-Match', String(version));
    return req.send(body);
  };
  const get = (path: string, token: string) => h.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  /** A police officer made by the admin (of a unit or of the agency as a whole); signed in. */
  async function officer(username: string, unitCode?: string): Promise<{ token: string; userId: string }> {
    const password = 'an-officer-password-2030';
    await post('/admin/users', admin, {
      username,
      displayName: `Công an ${username}`,
      password,
      role: 'agency_officer',
      agency: 'police',
      areaCodes: ['82'],
      ...(unitCode ? { unitCode } : {}),
    }).expect(201);
    const login = await h.http().post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { token: login.body.accessToken as string, userId: login.body.user.userId as string };
  }

  beforeAll(async () => {
    h = await startApiHarness('agency_reads', { realClock: true, with: [ProjectorModule] });
    worker = await h.token('worker1');
    admin = await h.token('admin');
    const opened = await post('/cases', worker, {
      child: { fullName: 'Lê Văn Phúc', sex: 'male', ageYears: 10 },
      category: 'physical_violence',
      summary: 'Cháu bị đánh.',
      location: { areaCode: '29926' },
      reportedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      source: 'school',
    }).expect(201);
    caseId = opened.body.caseId;
    let v = opened.body.version as number;
    v = (
      await post(
        `/cases/${caseId}/consent`,
        worker,
        { givenBy: 'guardian', forServices: true, forReferral: true, forReporting: true },
        v,
      ).expect(200)
    ).body.version;
    for (const [key, unitCode] of [
      ['unitA', '29926'],
      ['unitB', '29938'],
      ['agency', undefined],
    ] as const) {
      const res = await post(
        `/cases/${caseId}/referrals`,
        worker,
        { toAgency: 'police', reason: 'Điều tra', urgency: 'routine', ...(unitCode ? { unitCode } : {}) },
        v,
      ).expect(201);
      referral[key] = res.body.referralId;
      v = res.body.version;
      position = res.body.position;
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it("sees its unit's referrals and the agency's, never another unit's, in the inbox and one by one", async () => {
    const unitA = await officer('police_unit_a', '29926');
    const inbox = (await get(`/referrals/inbox?minPosition=${position}`, unitA.token).expect(200)).body as {
      items: { referralId: string }[];
    };
    expect(inbox.items.map((i) => i.referralId).sort()).toEqual([referral.unitA, referral.agency].sort());
    await get(`/referrals/${referral.unitA}`, unitA.token).expect(200);
    await get(`/referrals/${referral.agency}`, unitA.token).expect(200);
    const refused = await get(`/referrals/${referral.unitB}`, unitA.token).expect(404);
    expect(refused.body.code).toBe('REFERRAL_NOT_FOUND');

    // An officer of the agency as a whole (no unit) sees all three.
    const whole = await officer('police_whole');
    const all = (await get(`/referrals/inbox?minPosition=${position}`, whole.token).expect(200)).body as {
      items: { referralId: string }[];
    };
    expect(all.items.map((i) => i.referralId).sort()).toEqual(Object.values(referral).sort());
  });

  it('writes an access-log row for each agency read of the case: inbox and single referral', async () => {
    const reader = await officer('police_reader', '29926');
    const { userId } = reader;
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
    await get(`/referrals/inbox?minPosition=${position}`, reader.token).expect(200);
    await get(`/referrals/${referral.unitA}`, reader.token).expect(200);
    const log = (await get(`/admin/access-log?userId=${userId}`, admin).expect(200)).body as {
      items: { username: string; role: string; caseId: string; endpoint: string; method: string }[];
    };
    const rows = log.items.map((r) => ({
      username: r.username,
      role: r.role,
      caseId: r.caseId,
      method: r.method,
      endpoint: r.endpoint.replace(/^.*\/referrals/, '/referrals'),
    }));
    // The inbox read lists the case twice (two referrals of it): one row per referral shown.
    expect(rows).toEqual(
      expect.arrayContaining([
        { username: 'police_reader', role: 'agency_officer', caseId, method: 'GET', endpoint: '/referrals/inbox' },
        { username: 'police_reader', role: 'agency_officer', caseId, method: 'GET', endpoint: '/referrals/:id' },
      ]),
    );
    expect(rows.filter((r) => r.endpoint === '/referrals/inbox')).toHaveLength(2);
    expect(rows.filter((r) => r.endpoint === '/referrals/:id')).toHaveLength(1);
  });
});
