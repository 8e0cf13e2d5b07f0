import { randomUUID } from 'node:crypto';
import type { CaseCommandHandler } from '@sen/case-app';
import type { Agency, Metadata } from '@sen/case-domain';

const AGENCIES: Agency[] = ['police', 'health', 'education', 'social_affairs'];

const meta = (): Metadata => ({
  actorId: 'fault-test-worker',
  actorRole: 'social_worker',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: new Date().toISOString(),
});

/** Opens a case and issues an emergency referral on it, through the real command path. Returns the referral. */
export async function issueReferral(
  executor: CaseCommandHandler,
  n: number,
): Promise<{ referralId: string; agency: Agency; caseId: string }> {
  const caseId = randomUUID();
  const agency = AGENCIES[n % AGENCIES.length]!;
  await executor.execute(
    caseId,
    {
      type: 'OpenCase',
      data: {
        caseId,
        childId: randomUUID(),
        child: { fullName: 'Trẻ em thử nghiệm', sex: 'male', ageYears: 10 },
        category: 'disaster',
        summary: 'Lũ lụt',
        location: { areaCode: n % 2 ? '29926' : '29938' },
        reportedAt: new Date(Date.now() - 60_000).toISOString(),
        source: 'community',
      },
      metadata: meta(),
    },
    0,
  );
  const referralId = randomUUID();
  await executor.execute(
    caseId,
    {
      type: 'IssueReferral',
      data: {
        referralId,
        toAgency: agency,
        reason: 'Cứu trợ',
        urgency: 'emergency',
        consentWaivedReason: 'Khẩn cấp trong lũ',
      },
      metadata: meta(),
    },
    1,
  );
  return { referralId, agency, caseId };
}
