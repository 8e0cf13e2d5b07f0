// Issue 16, points 1 and 2: the one command path. Load (without decrypting), guard, decide, append; a client's
// version conflicts, 'latest' decides again; a batch is guarded step by step. Real PostgreSQL, no mock.
import { randomBytes, randomUUID } from 'node:crypto';
import { type CaseCommand, type CaseEvent, type CaseState, ERASED } from '@sen/case-domain';
import { PostgresEventStore } from '@sen/event-store';
import { loadCalendar, loadDeadlinePolicy } from '@sen/reference';
import { type TestDatabase, assessRisk, createTestDatabase, h, issueReferral, openCase } from '@sen/testing';
import { CaseRepository } from './case.repository';
import {
  type CaseActor,
  type CaseCommandGuard,
  CaseCommandHandler,
  UNGUARDED,
  VersionMismatchError,
} from './handle-case-command';
import { ChildKeyStore } from './pii/child-keys';
import { PiiCodec } from './pii/pii-codec';

const WORKER: CaseActor = {
  userId: 'worker-1',
  role: 'social_worker',
  areaCodes: ['29881'],
  agency: null,
  unitCode: null,
};
const context = { policy: loadDeadlinePolicy(), calendar: loadCalendar() };

/** The real codec, counting what it decrypts. */
class CountingCodec extends PiiCodec {
  decrypted = 0;
  override async decrypt<E extends CaseEvent>(event: E): Promise<E> {
    this.decrypted++;
    return super.decrypt(event);
  }
}

/** A guard that remembers what it was shown and refuses what `refuse` says. */
function recordingGuard(refuse: (command: CaseCommand, state: CaseState) => boolean = () => false) {
  const seen: [CaseCommand['type'], CaseState['status']][] = [];
  const guard: CaseCommandGuard = {
    check(_actor, command, state) {
      seen.push([command.type, state.status]);
      if (refuse(command, state)) throw new Error('OUT_OF_SCOPE');
    },
  };
  return { guard, seen };
}

describe('handleCaseCommand', () => {
  let db: TestDatabase;
  let codec: CountingCodec;
  let repository: CaseRepository;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('handle_case_command');
    store = new PostgresEventStore(db.sql);
    codec = new CountingCodec(new ChildKeyStore(db.sql, randomBytes(32)));
    repository = new CaseRepository(store, codec);
  });
  afterAll(async () => {
    await db.drop();
  });

  async function opened(handler = new CaseCommandHandler(repository, context, UNGUARDED)) {
    const caseId = randomUUID();
    const childId = randomUUID();
    await handler.execute(caseId, openCase({ caseId, childId }), 0, WORKER);
    return { caseId, childId };
  }

  it('decides without decrypting personal data; the history reads it decrypted', async () => {
    const handler = new CaseCommandHandler(repository, context, UNGUARDED);
    const { caseId } = await opened(handler);
    codec.decrypted = 0;
    const result = await handler.execute(caseId, assessRisk({}, { at: h(1) }), 1, WORKER);
    expect(result.version).toBe(2);
    expect(result.state).toMatchObject({ status: 'assessed', riskLevel: 'medium' });
    expect(codec.decrypted).toBe(0);
    const loaded = await repository.load(caseId);
    expect(JSON.stringify(loaded.events[0]!.event.data)).not.toContain('Nguyễn Thị Lan');
    expect(codec.decrypted).toBe(0);
    const history = await repository.history(caseId);
    expect(codec.decrypted).toBe(2);
    expect(history[0]!.event).toMatchObject({ type: 'CaseOpened', data: { child: { fullName: 'Nguyễn Thị Lan' } } });
    expect(JSON.stringify(history)).not.toContain(ERASED);
  });

  it('asks the guard before it tells the version: a refused caller learns nothing of the case', async () => {
    const { caseId } = await opened();
    const { guard, seen } = recordingGuard(() => true);
    const handler = new CaseCommandHandler(repository, context, guard);
    await expect(handler.execute(caseId, assessRisk({}, { at: h(1) }), 7, WORKER)).rejects.toThrow('OUT_OF_SCOPE');
    expect(seen).toEqual([['AssessRisk', 'open']]);
    expect((await repository.load(caseId)).version).toBe(1);
  });

  it('refuses a stale version with VERSION_CONFLICT and appends nothing', async () => {
    const { caseId } = await opened();
    const handler = new CaseCommandHandler(repository, context, UNGUARDED);
    await handler.execute(caseId, assessRisk({}, { at: h(1) }), 1, WORKER);
    const error = await handler
      .execute(caseId, assessRisk({ level: 'low' }, { at: h(2) }), 1, WORKER)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionMismatchError);
    expect(error).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, actualVersion: 2 } });
    expect((await repository.load(caseId)).version).toBe(2);
  });

  it("decides a 'latest' command again when another writer got in between", async () => {
    const { caseId } = await opened();
    let interfered = false;
    // Another writer appends between this command's load and its append, once.
    const racing = new (class extends CaseRepository {
      override async append(id: string, events: CaseEvent[], version: number | 'any', ids?: string[]) {
        if (!interfered) {
          interfered = true;
          const other = { ...events[0]!, data: { ...(events[0]!.data as object), level: 'low' } } as CaseEvent;
          await repository.append(id, [other], version);
        }
        return super.append(id, events, version, ids);
      }
    })(store, codec);
    const handler = new CaseCommandHandler(racing, context, UNGUARDED);
    const result = await handler.execute(caseId, assessRisk({}, { at: h(1) }), 'latest', WORKER);
    expect(interfered).toBe(true);
    expect(result.version).toBe(3);
    const types = (await repository.load(caseId)).events.map((e) => e.event.type);
    expect(types).toEqual(['CaseOpened', 'RiskAssessed', 'RiskAssessed']);
  });

  it('guards each command of a batch on the state the earlier ones reach, and appends them together', async () => {
    const { guard, seen } = recordingGuard();
    const handler = new CaseCommandHandler(repository, context, guard);
    const caseId = randomUUID();
    const childId = randomUUID();
    const result = await handler.handle({
      caseId,
      expectedVersion: 0,
      actor: WORKER,
      commands: [
        openCase({ caseId, childId }),
        issueReferral({ urgency: 'emergency', consentWaivedReason: 'danger' }, { at: h(0.5) }),
      ],
    });
    expect(seen).toEqual([
      ['OpenCase', 'none'],
      ['IssueReferral', 'open'],
    ]);
    expect(result.events.map((e) => e.type)).toEqual(['CaseOpened', 'ReferralIssued']);
    expect(result.version).toBe(2);
  });

  it('a refusal in a batch appends none of it', async () => {
    const handler = new CaseCommandHandler(repository, context, UNGUARDED);
    const caseId = randomUUID();
    const childId = randomUUID();
    await expect(
      handler.handle({
        caseId,
        expectedVersion: 0,
        actor: WORKER,
        commands: [openCase({ caseId, childId }), issueReferral({ urgency: 'routine' }, { at: h(0.5) })],
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect((await repository.load(caseId)).version).toBe(0);
  });

  it('builds a command from the case as it stands, and does nothing for a case that does not exist', async () => {
    const handler = new CaseCommandHandler(repository, context, UNGUARDED);
    const { caseId } = await opened();
    const built = await handler.handle({
      caseId,
      expectedVersion: 'latest',
      actor: WORKER,
      commands: (state) => [assessRisk({ notes: `in ${state.areaCode}` }, { at: h(1) })],
    });
    expect(built.events).toMatchObject([{ type: 'RiskAssessed', data: { notes: 'in 29881' } }]);
    const none = await handler.handle({
      caseId: randomUUID(),
      expectedVersion: 'latest',
      actor: WORKER,
      commands: () => [assessRisk()],
    });
    expect(none).toMatchObject({ version: 0, events: [] });
  });
});
