import { randomUUID } from 'node:crypto';
import type { CaseCommandHandler, CaseRepository } from '@sen/case-app';
import { type CaseCommand, CATEGORIES, type CaseState, DomainError, type Metadata, type Role } from '@sen/case-domain';
import { ConcurrencyError } from '@sen/event-store';

/** A small deterministic PRNG (mulberry32), so that a failing run can be replayed with its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

export const TRAFFIC_NAMES = [
  'Nguyễn Thị Lan',
  'Trần Văn Bình',
  'Lê Thị Hoa',
  'Phạm Văn Đức',
  'Huỳnh Thị Mai',
  'Võ Văn Tùng',
  'Đặng Thị Thu',
  'Bùi Văn Nam',
];

export interface TrafficOptions {
  seed: number;
  areaCodes: string[];
  clock: () => Date;
}

/**
 * Random but mostly valid traffic on cases through the real command path, for tests that need events
 * flowing (projector kill tests, rebuild equality). Each `step` sends one command to one case.
 */
export function caseTraffic(executor: CaseCommandHandler, repository: CaseRepository, o: TrafficOptions) {
  const rnd = prng(o.seed);
  const cases: string[] = [];
  /** Cases with a child marriage outcome (the decision state does not keep it: no rule reads it). */
  const outcomeRecorded = new Set<string>();
  const meta = (role: Role = 'social_worker', actorId = 'traffic-worker'): Metadata => ({
    actorId,
    actorRole: role,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: o.clock().toISOString(),
  });
  const past = () => new Date(o.clock().getTime() - 60_000).toISOString();
  const later = (days: number) => new Date(o.clock().getTime() + days * 86_400_000).toISOString();

  function nextCommand(state: CaseState): CaseCommand | null {
    if (state.status === 'none') return null;
    if (state.status === 'closed')
      return rnd.chance(0.3) ? { type: 'ReopenCase', data: { reason: 'báo cáo mới' }, metadata: meta() } : null;
    const open = state.referrals.find((r) => r.status !== 'completed' && r.status !== 'declined');
    if (open && rnd.chance(0.7)) {
      const officer = meta('agency_officer', `officer-${open.toAgency}`);
      const referralId = open.referralId;
      if (open.status === 'issued') {
        return rnd.chance(0.15)
          ? { type: 'DeclineReferral', data: { referralId, reason: 'không thuộc thẩm quyền' }, metadata: officer }
          : { type: 'AcknowledgeReferral', data: { referralId }, metadata: officer };
      }
      if (open.status === 'acknowledged') return { type: 'AcceptReferral', data: { referralId }, metadata: officer };
      return {
        type: 'CompleteReferral',
        data: { referralId, outcome: 'đã hỗ trợ', servicesProvided: ['medical'] },
        metadata: officer,
      };
    }
    const choices: (() => CaseCommand)[] = [
      () => ({
        type: 'AssessRisk',
        data: {
          level: rnd.pick(['low', 'medium', 'high', 'critical'] as const),
          verification: rnd.pick(['confirmed', 'unfounded', 'inconclusive'] as const),
          factors: ['f'],
          notes: 'ghi chú',
          assessedAt: past(),
        },
        metadata: meta(),
      }),
      () => ({
        type: 'ApplyEmergencyMeasure',
        data: { measure: 'temporary_shelter', appliedAt: past(), notes: 'tạm lánh' },
        metadata: meta(),
      }),
      () => ({
        type: 'RecordConsent',
        data: { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true },
        metadata: meta(),
      }),
      () => ({
        type: 'IssueReferral',
        data: {
          referralId: randomUUID(),
          toAgency: rnd.pick(['police', 'health', 'education', 'social_affairs'] as const),
          reason: 'cần hỗ trợ',
          urgency: rnd.pick(['emergency', 'urgent', 'routine'] as const),
          consentWaivedReason: 'trẻ gặp nguy hiểm',
        },
        metadata: meta(),
      }),
      () => ({
        type: 'ProvideSupport',
        data: { service: 'psychological', agency: 'health', providedAt: past(), notes: 'tư vấn' },
        metadata: meta(),
      }),
      () => ({
        type: 'TransferCase',
        data: { toAreaCode: rnd.pick(o.areaCodes), reason: 'chuyển nhà' },
        metadata: meta(),
      }),
      () => ({
        type: 'EscalateCase',
        data: { toLevel: 'province', reason: 'phức tạp', automatic: false },
        metadata: meta(),
      }),
      () => ({ type: 'CloseCase', data: { reason: 'child_safe', notes: 'an toàn' }, metadata: meta() }),
    ];
    if (state.riskLevel !== null)
      choices.push(() => ({
        type: 'CompleteDetailedAssessment',
        data: { needs: ['medical'], notes: 'chi tiết', at: past() },
        metadata: meta(),
      }));
    if (state.detailedAssessmentDone) {
      choices.push(() => ({
        type: 'ProposeSupportPlan',
        data: {
          planId: randomUUID(),
          goals: ['an toàn'],
          services: [{ service: 'medical', agency: 'health', dueAt: later(1) }],
          reviewAt: later(7),
        },
        metadata: meta(),
      }));
    }
    if (state.latestPlan?.status === 'proposed')
      choices.push(() => ({
        type: 'ApproveSupportPlan',
        data: { comment: 'đồng ý' },
        metadata: meta('supervisor', 'traffic-supervisor'),
      }));
    if (state.category === 'child_marriage' && !outcomeRecorded.has(state.caseId)) {
      choices.push(() => ({
        type: 'RecordChildMarriageOutcome',
        data: { outcome: rnd.pick(['prevented', 'occurred'] as const), at: past() },
        metadata: meta(),
      }));
    }
    if (rnd.chance(0.01))
      return {
        type: 'ErasePersonalData',
        data: { reason: 'yêu cầu của gia đình' },
        metadata: meta('admin', 'traffic-admin'),
      };
    return rnd.pick(choices)();
  }

  async function open(): Promise<void> {
    const caseId = randomUUID();
    await executor.execute(
      caseId,
      {
        type: 'OpenCase',
        data: {
          caseId,
          childId: randomUUID(),
          child: {
            fullName: rnd.pick(TRAFFIC_NAMES),
            sex: rnd.pick(['female', 'male'] as const),
            ageYears: 1 + rnd.int(15),
          },
          category: rnd.pick(CATEGORIES),
          summary: 'Báo cáo từ cộng đồng',
          location: { areaCode: rnd.pick(o.areaCodes) },
          reportedAt: new Date(o.clock().getTime() - rnd.int(6) * 3_600_000).toISOString(),
          source: 'hotline_111',
        },
        metadata: meta(),
      },
      0,
    );
    cases.push(caseId);
  }

  return {
    cases,
    /** One command: a new case a quarter of the time, otherwise the next step of a known case. Rule refusals are expected and ignored. */
    async step(): Promise<void> {
      if (cases.length === 0 || rnd.chance(0.25)) return open();
      const caseId = rnd.pick(cases);
      const loaded = await repository.load(caseId);
      const command = nextCommand(loaded.state);
      if (!command) return;
      try {
        await executor.execute(caseId, command, loaded.version);
        if (command.type === 'RecordChildMarriageOutcome') outcomeRecorded.add(caseId);
      } catch (error) {
        if (!(error instanceof DomainError) && !(error instanceof ConcurrencyError)) throw error;
      }
    },
  };
}
