// Issue 15, point 12: five requests that answered 500 (a NUL in a search, an id of 36 dashes, a cursor at the
// end of JavaScript's calendar, a page number beyond bigint, a lone surrogate in free text). Each is a 400 that
// names the field, and writes nothing. The cursors of every list (cases, inbox, overdue, tracing) are tried alike.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const cursorOf = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const FAR = '+275760-09-13T00:00:00.000Z'; // the last instant a JavaScript Date holds; PostgreSQL cannot read it
const UUID = '00000000-0000-4000-8000-000000000000';

describe('Hostile input that used to answer 500', () => {
  let h: ApiHarness;
  const tokens: Record<string, string> = {};
  const head = async () =>
    Number((await h.db.sql`select coalesce(max(global_position), -1)::bigint as n from events`)[0]!.n);

  beforeAll(async () => {
    h = await startApiHarness('hostile_input', { with: [ProjectorModule] });
    for (const u of ['worker1', 'supervisor', 'police', 'admin']) tokens[u] = await h.token(u);
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (user: string, url: string) => h.http().get(url).set('Authorization', `Bearer ${tokens[user]}`);
  const expectField = (res: { status: number; body: { details?: { field: string }[] } }, field: string) => {
    expect({ status: res.status, fields: (res.body.details ?? []).map((d) => d.field) }).toEqual({
      status: 400,
      fields: expect.arrayContaining([field]),
    });
  };

  it('GET /cases?q=%00 is a 400 naming q', async () => {
    expectField(await get('worker1', '/api/v1/cases?q=%00'), 'q');
    expectField(await get('worker1', '/api/v1/cases?q=Lan%00'), 'q');
  });

  it('an incidentId of 36 dashes is a 400 naming incidentId', async () => {
    expectField(await get('worker1', `/api/v1/cases?incidentId=${'-'.repeat(36)}`), 'incidentId');
    expectField(await get('worker1', `/api/v1/tracing-requests?incidentId=${'-'.repeat(36)}`), 'incidentId');
  });

  it('a cursor holding year +275760 (or ids of dashes) is a 400 naming cursor, on every list', async () => {
    expectField(await get('worker1', `/api/v1/cases?cursor=${cursorOf({ r: FAR, id: UUID })}`), 'cursor');
    expectField(
      await get('worker1', `/api/v1/cases?cursor=${cursorOf({ r: '2026-11-20T00:00:00.000Z', id: '-'.repeat(36) })}`),
      'cursor',
    );
    expectField(await get('police', `/api/v1/referrals/inbox?cursor=${cursorOf({ t: FAR, id: UUID })}`), 'cursor');
    expectField(
      await get(
        'police',
        `/api/v1/referrals/inbox?cursor=${cursorOf({ t: '2026-11-20T00:00:00.000Z', id: '-'.repeat(36) })}`,
      ),
      'cursor',
    );
    expectField(
      await get(
        'supervisor',
        `/api/v1/dashboard/overdue?cursor=${cursorOf({ dueAt: FAR, caseId: UUID, kind: 'plan', refId: 'x' })}`,
      ),
      'cursor',
    );
    expectField(
      await get(
        'supervisor',
        `/api/v1/dashboard/overdue?cursor=${cursorOf({ dueAt: '2026-11-20T00:00:00.000Z', caseId: '-'.repeat(36), kind: 'plan', refId: 'x' })}`,
      ),
      'cursor',
    );
    expectField(
      await get(
        'supervisor',
        `/api/v1/dashboard/overdue?cursor=${cursorOf({ dueAt: '2026-11-20T00:00:00.000Z', caseId: UUID, kind: 'plan', refId: 'a\u0000' })}`,
      ),
      'cursor',
    );
    expectField(
      await get(
        'worker1',
        `/api/v1/tracing-requests?cursor=${cursorOf({ t: '99999999999999999', id: '-'.repeat(36) })}`,
      ),
      'cursor',
    );
    // The furthest cursors these lists accept are still answered, not refused and not a 500.
    const far = (url: string, user: string) => get(user, url).then((r) => r.status);
    expect(
      await far(`/api/v1/tracing-requests?cursor=${cursorOf({ t: '99999999999999999', id: UUID })}`, 'worker1'),
    ).toBe(200);
    expect(await far(`/api/v1/cases?cursor=${cursorOf({ r: '9999-12-31T23:59:59.999Z', id: UUID })}`, 'worker1')).toBe(
      200,
    );
    expect(
      await far(`/api/v1/referrals/inbox?cursor=${cursorOf({ t: '9999-12-31T23:59:59.999Z', id: UUID })}`, 'police'),
    ).toBe(200);
    const overdue = cursorOf({
      dueAt: '1900-01-01T00:00:00.000Z',
      caseId: UUID,
      kind: 'referral_acknowledge',
      refId: UUID,
    });
    expect(await far(`/api/v1/dashboard/overdue?cursor=${overdue}`, 'supervisor')).toBe(200);
  });

  it('/admin/access-log?before=99999999999999999999 is a 400 naming before', async () => {
    expectField(await get('admin', '/api/v1/admin/access-log?before=99999999999999999999'), 'before');
    expect((await get('admin', '/api/v1/admin/access-log?before=9007199254740991')).status).toBe(200);
  });

  it('a lone surrogate in free text is a 400 naming the field, and nothing is written', async () => {
    const before = await head();
    const body = `{"child":{"fullName":"Lò Thị Mai","sex":"female","ageYears":8},"category":"neglect","summary":"bị bỏ \\ud800 đói","location":{"areaCode":"29926"},"reportedAt":"2026-11-20T08:00:00+07:00","source":"walk_in"}`;
    const res = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${tokens.worker1}`)
      .set('Content-Type', 'application/json')
      .send(body);
    expectField(res, 'summary');
    expect(await head()).toBe(before);
  });
});
