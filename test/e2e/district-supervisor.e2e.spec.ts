// Issue 20, point 9: a district-level supervisor (DESIGN.md section 6: "a district or the province"), on the tree
// before the 1 July 2025 reform: they see the cases of their district's communes and no other district's, one by
// one and in the list; the province's supervisor sees both. API and projector in this process.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const TAN_HONG_DISTRICT = '869'; // Huyện Tân Hồng (before 2025)
const THONG_BINH = '29932'; // Xã Thông Bình, in Huyện Tân Hồng
const CAO_LANH_WARD_1 = '29866'; // Phường 1, in Thành phố Cao Lãnh (866)

describe('A district-level supervisor', () => {
  let h: ApiHarness;
  let admin: string;
  const post = (path: string, token: string, body: object) =>
    h.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => h.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  async function user(username: string, role: string, areaCodes: string[]): Promise<string> {
    const password = 'a-user-password-of-2024';
    await post('/admin/users', admin, { username, displayName: username, password, role, areaCodes }).expect(201);
    return (await h.http().post('/api/v1/auth/login').send({ username, password }).expect(200)).body
      .accessToken as string;
  }

  beforeAll(async () => {
    h = await startApiHarness('district_supervisor', { realClock: true, with: [ProjectorModule] });
    admin = await h.token('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it("sees its district's cases and not another district's; the province's supervisor sees both", async () => {
    const worker = await user('worker_2024', 'social_worker', ['87']);
    const open = async (areaCode: string) =>
      (
        await post('/cases', worker, {
          child: { fullName: 'Trần Thị Mai', sex: 'female', ageYears: 9 },
          category: 'neglect',
          summary: 'Cháu bị bỏ mặc.',
          location: { areaCode },
          reportedAt: '2024-06-03T02:00:00Z',
          source: 'community',
        }).expect(201)
      ).body as { caseId: string; position: number };
    const inDistrict = await open(THONG_BINH);
    const elsewhere = await open(CAO_LANH_WARD_1);
    const position = Math.max(inDistrict.position, elsewhere.position);

    const district = await user('supervisor_tan_hong', 'supervisor', [TAN_HONG_DISTRICT]);
    await get(`/cases/${inDistrict.caseId}`, district).expect(200);
    expect((await get(`/cases/${elsewhere.caseId}`, district).expect(404)).body.code).toBe('CASE_NOT_FOUND');
    const list = (await get(`/cases?minPosition=${position}&limit=100`, district).expect(200)).body as {
      items: { caseId: string }[];
    };
    expect(list.items.map((c) => c.caseId)).toEqual([inDistrict.caseId]);

    const province = await h.token('supervisor'); // province 82, after the reform: the old communes' successors are in it
    const all = (await get(`/cases?minPosition=${position}&limit=100`, province).expect(200)).body as {
      items: { caseId: string }[];
    };
    expect(all.items.map((c) => c.caseId).sort()).toEqual([inDistrict.caseId, elsewhere.caseId].sort());
  });
});
