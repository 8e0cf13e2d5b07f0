// Issue 15, points 10 and 11. A child's ethnicity and disability are special categories of personal data (Decree
// 13/2023/NĐ-CP, art. 2(4)): encrypted with the child's key like the name, shown only where the name is, and
// erased with it, also in events stored in clear before the change. And an erasure answers 200 only once every
// read model is blank: it waits for every projection to pass its own events.
import { EVENT_STORE } from '@sen/platform';
import type { EventStore } from '@sen/event-store';
import { PROJECTIONS, projectionsBehind } from '@sen/read-models';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { ProjectorService } from '../../apps/projector/src/projector.service';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const NAMES = PROJECTIONS.map((p) => p.name);

describe('Erasure', () => {
  let h: ApiHarness;
  let worker: string;
  let admin: string;
  let store: EventStore;

  beforeAll(async () => {
    h = await startApiHarness('erasure', { with: [ProjectorModule] });
    worker = await h.token('worker1');
    admin = await h.token('admin');
    store = h.app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await h.close();
  });

  const caseBody = (fullName: string, child: Record<string, string> = {}) => ({
    child: { fullName, sex: 'female', dateOfBirth: '2014-03-08', ...child },
    category: 'physical_violence',
    summary: `Hàng xóm báo ${fullName} bị đánh.`,
    location: { areaCode: '29926' },
    reportedAt: '2026-11-20T07:00:00+07:00',
    source: 'community',
  });

  /** Opens a case and refers it to the police, so that the agency's need-to-know view holds the child too. */
  async function openReferredCase(fullName: string, child: Record<string, string> = {}) {
    const opened = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${worker}`)
      .send(caseBody(fullName, child))
      .expect(201);
    const referred = await h
      .http()
      .post(`/api/v1/cases/${opened.body.caseId}/referrals`)
      .set('Authorization', `Bearer ${worker}`)
      .set('If-Match', '1')
      .send({ toAgency: 'police', reason: 'Bảo vệ trẻ', urgency: 'emergency', consentWaivedReason: 'khẩn cấp' })
      .expect(201);
    expect(await projectionsBehind(h.db.sql, store, NAMES, referred.body.position, 10_000)).toEqual([]);
    return {
      caseId: opened.body.caseId as string,
      childId: opened.body.childId as string,
      referralId: referred.body.referralId as string,
    };
  }

  const erase = (childId: string) =>
    h
      .http()
      .delete(`/api/v1/children/${childId}/personal-data`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: 'yêu cầu của gia đình' });

  /** Every row of every table that holds one of the needles, as `table: hits`. */
  async function tablesHolding(needles: string[]): Promise<Record<string, number>> {
    const tables = await h.db.sql<
      { table_name: string }[]
    >`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    const found: Record<string, number> = {};
    for (const { table_name } of tables) {
      const rows = await h.db.sql.unsafe<{ t: string }[]>(`select t::text as t from "${table_name}" t`);
      const hits = rows.filter((r) => needles.some((n) => r.t.toLowerCase().includes(n.toLowerCase()))).length;
      if (hits > 0) found[table_name] = hits;
    }
    return found;
  }

  describe('ethnicity and disability', () => {
    const ETHNICITY = 'Chăm Hroi';
    const DISABILITY = 'bại não từ nhỏ';

    it('are not in the event bytes, read back for the case worker, never for the agency, and read as erased after the erasure', async () => {
      const { caseId, childId, referralId } = await openReferredCase('Ka Thị Dân Tộc', {
        ethnicity: ETHNICITY,
        disability: DISABILITY,
      });

      // The stored event: ciphertext, not the words.
      const [row] = await h.db.sql<
        { t: string }[]
      >`select data::text || metadata::text as t from events where stream_id = ${`case-${caseId}`} and type = 'CaseOpened'`;
      expect(row!.t).not.toContain(ETHNICITY);
      expect(row!.t).not.toContain(DISABILITY);
      expect(await tablesHolding([ETHNICITY, DISABILITY])).toEqual({});

      // The case's social worker reads them, decrypted.
      const page = await h.http().get(`/api/v1/cases/${caseId}`).set('Authorization', `Bearer ${worker}`).expect(200);
      expect(page.body.child).toMatchObject({
        fullName: 'Ka Thị Dân Tộc',
        ethnicity: ETHNICITY,
        disability: DISABILITY,
      });

      // The agency officer's need-to-know view (DESIGN.md section 6) has neither.
      const police = await h.token('police');
      const inbox = await h.http().get('/api/v1/referrals/inbox').set('Authorization', `Bearer ${police}`).expect(200);
      const single = await h
        .http()
        .get(`/api/v1/referrals/${referralId}`)
        .set('Authorization', `Bearer ${police}`)
        .expect(200);
      for (const body of [inbox.body, single.body]) expect(JSON.stringify(body)).not.toMatch(/Chăm|bại não/);

      expect((await erase(childId)).status).toBe(200);
      const after = await h.http().get(`/api/v1/cases/${caseId}`).set('Authorization', `Bearer ${worker}`).expect(200);
      expect(after.body.child).toMatchObject({
        fullName: '[erased]',
        ethnicity: '[erased]',
        disability: '[erased]',
        sex: 'female',
      });
      const history = await h
        .http()
        .get(`/api/v1/cases/${caseId}/history`)
        .set('Authorization', `Bearer ${worker}`)
        .expect(200);
      expect(JSON.stringify(history.body)).not.toMatch(/Chăm|bại não/);
    });

    it('of an event stored in clear before the change still read, and read as erased after the erasure', async () => {
      const { caseId, childId } = await openReferredCase('Y Thị Cũ', {
        ethnicity: 'placeholder',
        disability: 'placeholder',
      });
      // What a database from before the change holds: the name encrypted, ethnicity and disability in clear.
      await h.db.sql`
        update events set data = jsonb_set(jsonb_set(data, '{child,ethnicity}', to_jsonb(${'Ê Đê'}::text)), '{child,disability}', to_jsonb(${'khiếm thị'}::text))
         where stream_id = ${`case-${caseId}`} and type = 'CaseOpened'`;

      const page = await h.http().get(`/api/v1/cases/${caseId}`).set('Authorization', `Bearer ${worker}`).expect(200);
      expect(page.body.child).toMatchObject({ fullName: 'Y Thị Cũ', ethnicity: 'Ê Đê', disability: 'khiếm thị' });

      expect((await erase(childId)).status).toBe(200);
      const after = await h.http().get(`/api/v1/cases/${caseId}`).set('Authorization', `Bearer ${worker}`).expect(200);
      expect(after.body.child).toMatchObject({ fullName: '[erased]', ethnicity: '[erased]', disability: '[erased]' });
      const history = await h
        .http()
        .get(`/api/v1/cases/${caseId}/history`)
        .set('Authorization', `Bearer ${worker}`)
        .expect(200);
      expect(JSON.stringify(history.body)).not.toMatch(/Ê Đê|khiếm thị/);
      // Only the old event's own bytes keep them (README, "Personal data"): no read model ever held them.
      expect(await tablesHolding(['Ê Đê', 'khiếm thị'])).toEqual({ events: 1 });
    });
  });

  describe('its answer', () => {
    /** The rows that held the child's name, read once, right after the answer: no polling. */
    async function nameRows(caseId: string) {
      const [cases] = await h.db.sql<{ child_name: string; search_text: string; personal_data_erased: boolean }[]>`
        select child_name, search_text, personal_data_erased from rm_cases where case_id = ${caseId}::uuid`;
      const referrals = await h.db.sql<
        { child_given_name: string }[]
      >`select child_given_name from rm_referrals where case_id = ${caseId}::uuid`;
      const [context] = await h.db.sql<
        { child_given_name: string }[]
      >`select child_given_name from rm_referral_context where case_id = ${caseId}::uuid`;
      return { cases, referrals, context };
    }

    it('comes only once every read model is blank, even when the projector is behind at first', async () => {
      const name = 'Lâm Thị Chờ Xoá';
      const { caseId, childId } = await openReferredCase(name);
      const projector = h.app.get(ProjectorService);
      // The projector stops before the erasure and resumes only 4 s after it was asked (the erasure itself takes
      // 1.5 s for the other processes' key caches to expire): an answer before then would find the name.
      await projector.runner.stop();
      const resumed = new Promise<void>((resolve) => setTimeout(() => (projector.runner.start(), resolve()), 4_000));
      const erased = await erase(childId);
      expect(erased.status).toBe(200);

      expect(await nameRows(caseId)).toEqual({
        cases: { child_name: '[erased]', search_text: '', personal_data_erased: true },
        referrals: [{ child_given_name: '[erased]' }],
        context: { child_given_name: '[erased]' },
      });
      expect(await tablesHolding([name, 'Chờ Xoá', 'cho xoa'])).toEqual({});
      expect(await projectionsBehind(h.db.sql, store, NAMES, erased.body.position, 0)).toEqual([]);
      await resumed;
    });

    it('is 503 PROJECTION_BEHIND, naming the projections, when they stay behind too long; a retry finishes it', async () => {
      const name = 'Tô Thị Đợi Lâu';
      const { caseId, childId } = await openReferredCase(name);
      const projector = h.app.get(ProjectorService);
      await projector.runner.stop();
      try {
        const first = await erase(childId);
        expect(first.status).toBe(503);
        expect(first.headers['retry-after']).toBeDefined();
        expect(first.body).toMatchObject({
          code: 'PROJECTION_BEHIND',
          details: { childId, position: expect.any(Number), projections: NAMES },
        });
        expect((await nameRows(caseId)).cases?.child_name).toBe(name);
      } finally {
        projector.runner.start();
      }
      const retried = await erase(childId);
      expect(retried.status).toBe(200);
      expect(await nameRows(caseId)).toEqual({
        cases: { child_name: '[erased]', search_text: '', personal_data_erased: true },
        referrals: [{ child_given_name: '[erased]' }],
        context: { child_given_name: '[erased]' },
      });
    });
  });
});
