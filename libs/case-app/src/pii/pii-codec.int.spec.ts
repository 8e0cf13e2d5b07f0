// Issue 15, point 10: a child's ethnicity and disability are special categories of personal data (Decree
// 13/2023/NĐ-CP, art. 2(4)). They are encrypted with the child's key like the name; events written before that
// (the values in clear) still read, and read as erased once the child's key is destroyed.
import { randomBytes, randomUUID } from 'node:crypto';
import { type CaseEvent, ERASED } from '@sen/case-domain';
import { type TestDatabase, createTestDatabase } from '@sen/testing';
import { ChildKeyStore } from './child-keys';
import { PiiCodec } from './pii-codec';

const ETHNICITY = 'Khơ Me';
const DISABILITY = 'khiếm thính bẩm sinh';

function opened(childId: string, child: Record<string, unknown>): CaseEvent {
  return {
    type: 'CaseOpened',
    data: {
      caseId: randomUUID(),
      childId,
      child: { fullName: 'Thạch Thị Sa', sex: 'female', ageYears: 9, ...child },
      summary: 'báo tin',
    },
    metadata: { childId, actorId: 'worker1' },
  } as unknown as CaseEvent;
}

const childOf = (e: CaseEvent) => (e.data as unknown as { child: Record<string, unknown> }).child;

describe('PiiCodec', () => {
  let db: TestDatabase;
  let codec: PiiCodec;
  let keys: ChildKeyStore;

  beforeAll(async () => {
    db = await createTestDatabase('pii_codec');
    keys = new ChildKeyStore(db.sql, randomBytes(32));
    codec = new PiiCodec(keys);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('encrypts ethnicity and disability with the child key and decrypts them back', async () => {
    const childId = randomUUID();
    const stored = await codec.encrypt(opened(childId, { ethnicity: ETHNICITY, disability: DISABILITY }));
    const bytes = JSON.stringify(stored);
    expect(bytes).not.toContain(ETHNICITY);
    expect(bytes).not.toContain(DISABILITY);
    expect(childOf(stored)).toMatchObject({
      ethnicity: expect.stringMatching(/^pii:v1:/),
      disability: expect.stringMatching(/^pii:v1:/),
    });
    expect(childOf(await codec.decrypt(stored))).toMatchObject({ ethnicity: ETHNICITY, disability: DISABILITY });
  });

  it('reads an event of before the change, with both in clear, as it was, and as erased once the key is destroyed', async () => {
    const childId = randomUUID();
    const encrypted = await codec.encrypt(opened(childId, {}));
    // What a database from before the change holds: the name encrypted, ethnicity and disability in clear.
    const legacy = structuredClone(encrypted);
    Object.assign(childOf(legacy), { ethnicity: ETHNICITY, disability: DISABILITY });
    expect(childOf(await codec.decrypt(legacy))).toMatchObject({
      fullName: 'Thạch Thị Sa',
      ethnicity: ETHNICITY,
      disability: DISABILITY,
      ageYears: 9,
    });

    await keys.destroy(childId, 'yêu cầu của gia đình');
    const read = await codec.decrypt(legacy);
    expect(childOf(read)).toMatchObject({
      fullName: ERASED,
      ethnicity: ERASED,
      disability: ERASED,
      sex: 'female',
      ageYears: 9,
    });
    expect(JSON.stringify(read)).not.toMatch(/Khơ Me|khiếm thính/);
  });
});
