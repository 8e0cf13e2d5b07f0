// The simulated province as data: for each child, the commands of their cases, each at a simulated instant.
// Pure and deterministic: child i's cases depend only on the seed and i, so children can be generated in any
// order, in parallel, or lazily for a million-case run.
import {
  type Agency,
  type CaseCommand,
  type Category,
  type DecideContext,
  INDICATOR_12_CATEGORIES,
  type Level,
  type Metadata,
  type RiskLevel,
  type Role,
  type Sex,
  type Urgency,
  acknowledgeDeadline,
  defaultReferralDue,
  firstResponseDeadline,
} from '@sen/case-domain';
import {
  AGENCY_BEHAVIOUR,
  CATEGORY_WEIGHTS,
  FAMILY_NAMES,
  FLOOD_MONTHS,
  FLOOD_SEASON_WEIGHTS,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  REFERRAL_AGENCIES,
  REOPEN_SHARE,
  REPEAT_VICTIM_SHARE,
  REPORT_HOUR_WEIGHTS,
  SOURCE_WEIGHTS,
  TIMELY_FIRST_RESPONSE,
  ageRange,
  riskWeights,
  sexWeights,
} from './simulate.model';
import { type Random, randomFor } from './simulate.random';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface SimArea {
  code: string;
  /** The level an automatic escalation goes to (AreaDirectory.nextLevelAbove). */
  nextLevel: Level | null;
}

export interface SimOptions {
  seed: number;
  children: number;
  days: number;
  /** First instant of the simulated period (ISO-8601); a local midnight reads best. */
  start: string;
  areas: readonly SimArea[];
  context: DecideContext;
}

export interface SimStep {
  /** Simulated instant (ms since epoch) the command is sent: its `metadata.occurredAt`. */
  at: number;
  command: CaseCommand;
}

export interface CaseScript {
  caseId: string;
  childId: string;
  category: Category;
  areaCode: string;
  reportedAt: string;
  /** True for a child's second or later case. */
  repeat: boolean;
  steps: SimStep[];
}

const iso = (ms: number) => new Date(ms).toISOString();

interface Child {
  childId: string;
  sex: Sex;
  fullName: string;
  age: number;
  area: SimArea;
}

function localMonth(ms: number, ctx: DecideContext): number {
  return new Date(ms + ctx.policy.utcOffsetMinutes * MIN).getUTCMonth() + 1;
}

function weightedIndex(r: Random, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = r.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function categoryAt(r: Random, ms: number, ctx: DecideContext): Category {
  return r.weighted(FLOOD_MONTHS.includes(localMonth(ms, ctx)) ? FLOOD_SEASON_WEIGHTS : CATEGORY_WEIGHTS);
}

function name(r: Random, sex: Sex): string {
  const s = sex === 'male' ? 'male' : 'female';
  return `${r.pick(FAMILY_NAMES)} ${r.pick(MIDDLE_NAMES[s])} ${r.pick(GIVEN_NAMES[s])}`;
}

/** Every case of child `index` (usually one; a repeat victim has two or three), cut at the end of the period. */
export function childCases(o: SimOptions, index: number): CaseScript[] {
  const r = randomFor(o.seed, 'child', index);
  const startMs = Date.parse(o.start);
  const endMs = startMs + o.days * DAY;
  const day = r.int(o.days);
  const reportMs = startMs + day * DAY + weightedIndex(r, REPORT_HOUR_WEIGHTS) * HOUR + r.int(60) * MIN;
  const category = categoryAt(r, reportMs, o.context);
  const sex = r.weighted(sexWeights(category));
  const [minAge, maxAge] = ageRange(category);
  const child: Child = {
    childId: r.uuid(),
    sex,
    fullName: name(r, sex),
    age: minAge + r.int(maxAge - minAge + 1),
    area: o.areas[r.int(o.areas.length)]!,
  };
  const cases: CaseScript[] = [];
  let at = reportMs;
  let cat = category;
  for (let n = 0; n < 3 && at < endMs && child.age < 16; n++) {
    const script = caseScript(r, o, child, cat, at, n > 0, endMs);
    // Reported in the last minutes of the period but not yet recorded: not a case yet.
    if (script.steps.length > 0) cases.push(script);
    if (!r.chance(n === 0 ? REPEAT_VICTIM_SHARE : 0.25)) break;
    const gapDays = 20 + r.int(180);
    at += gapDays * DAY + r.int(12) * HOUR;
    child.age += Math.floor(gapDays / 365);
    if (!r.chance(0.6)) cat = categoryAt(r, at, o.context);
    if (cat === 'child_marriage' && child.age < 13) cat = 'neglect';
  }
  return cases;
}

/** The whole province, child by child. */
export function* generateProvince(o: SimOptions): Generator<CaseScript> {
  for (let i = 0; i < o.children; i++) yield* childCases(o, i);
}

function measureFor(category: Category) {
  if (category === 'trafficking' || category === 'physical_violence' || category === 'exploitation')
    return 'police_protection' as const;
  if (category === 'injury' || category === 'sexual_abuse') return 'medical_emergency' as const;
  if (category === 'disaster' || category === 'neglect') return 'temporary_shelter' as const;
  return 'removal_from_danger' as const;
}

function urgencyFor(r: Random, risk: RiskLevel): Urgency {
  if (risk === 'critical') return 'emergency';
  if (risk === 'high') return r.chance(0.3) ? 'emergency' : 'urgent';
  if (risk === 'medium') return r.chance(0.4) ? 'urgent' : 'routine';
  return 'routine';
}

function caseScript(
  r: Random,
  o: SimOptions,
  child: Child,
  category: Category,
  reportMs: number,
  repeat: boolean,
  endMs: number,
): CaseScript {
  const ctx = o.context;
  const caseId = r.uuid();
  const correlationId = r.uuid();
  const worker = `sim-worker-${child.area.code}-${r.int(3) + 1}`;
  const steps: SimStep[] = [];
  const meta = (at: number, actorId = worker, actorRole: Role = 'social_worker'): Metadata => ({
    actorId,
    actorRole,
    correlationId,
    causationId: r.uuid(),
    occurredAt: iso(at),
  });
  const add = (at: number, command: CaseCommand) => steps.push({ at, command });
  const reportedAt = iso(reportMs);
  const areaCode = child.area.code;
  const localDay = new Date(reportMs + ctx.policy.utcOffsetMinutes * MIN).toISOString().slice(0, 10);

  const openAt = reportMs + r.between(5, 90) * MIN;
  add(openAt, {
    type: 'OpenCase',
    data: {
      caseId,
      childId: child.childId,
      child: { fullName: child.fullName, sex: child.sex, ageYears: child.age },
      category,
      summary: `Báo cáo ${category.replace(/_/g, ' ')} tại ${child.area.code}`,
      location: { areaCode },
      reportedAt,
      source: r.weighted(SOURCE_WEIGHTS[category]),
      ...(r.chance(0.7)
        ? {
            reporter: {
              name: name(r, r.chance(0.6) ? 'female' : 'male'),
              phone: `09${String(r.int(1e8)).padStart(8, '0')}`,
              relation: r.pick(['neighbour', 'teacher', 'parent', 'relative', 'village_head']),
            },
          }
        : {}),
      // Children of one flood in one commune on one day share an incident.
      ...(category === 'disaster' ? { incidentId: randomFor(o.seed, 'incident', areaCode, localDay).uuid() } : {}),
    },
    metadata: meta(openAt),
  });
  let last = openAt;
  const assignAt = openAt + r.between(1, 120) * MIN;
  add(assignAt, {
    type: 'AssignCase',
    data: { assigneeId: worker },
    metadata: meta(assignAt, 'sim-supervisor', 'supervisor'),
  });

  const risk = r.weighted(riskWeights(category));
  const verification = r.weighted({ confirmed: 70, inconclusive: 15, unfounded: 15 } as const);
  const riskAt = openAt + r.between(0.5, risk === 'critical' ? 4 : 24) * HOUR;
  add(riskAt, {
    type: 'AssessRisk',
    data: {
      level: risk,
      verification,
      factors: [category, risk],
      notes: 'Xác minh ban đầu (mẫu 02)',
      assessedAt: iso(riskAt),
    },
    metadata: meta(riskAt),
  });
  last = Math.max(last, riskAt);

  if (category !== 'disaster' && category !== 'trafficking' && r.chance(0.02)) {
    const other = o.areas[r.int(o.areas.length)]!;
    if (other.code !== areaCode) {
      const moveAt = riskAt + r.between(1, 10) * DAY;
      add(moveAt, {
        type: 'TransferCase',
        data: { toAreaCode: other.code, reason: 'gia đình chuyển nơi ở' },
        metadata: meta(moveAt),
      });
      last = Math.max(last, moveAt);
    }
  }

  // First response: an emergency measure or support (indicator 12's 12 hours).
  const timely = r.chance(TIMELY_FIRST_RESPONSE);
  const responseAt = Math.max(openAt + 10 * MIN, reportMs + (timely ? r.between(1, 11.5) : r.between(12.5, 72)) * HOUR);
  const emergency = risk === 'critical' || (risk === 'high' && r.chance(0.5));
  if (emergency) {
    add(responseAt, {
      type: 'ApplyEmergencyMeasure',
      data: { measure: measureFor(category), appliedAt: iso(responseAt), notes: 'Can thiệp khẩn cấp' },
      metadata: meta(responseAt),
    });
  } else {
    add(responseAt, {
      type: 'ProvideSupport',
      data: {
        service: category === 'injury' ? 'medical' : 'psychological',
        agency: category === 'injury' ? 'health' : 'social_affairs',
        providedAt: iso(responseAt),
        notes: 'Hỗ trợ ban đầu',
      },
      metadata: meta(responseAt),
    });
  }
  last = Math.max(last, responseAt);
  const firstDue = firstResponseDeadline(reportedAt, category, ctx.policy);
  if (firstDue !== null && INDICATOR_12_CATEGORIES.includes(category)) {
    const checkAt = Date.parse(firstDue) + r.between(1, 15) * MIN;
    add(checkAt, {
      type: 'CheckFirstResponse',
      data: { nextLevel: child.area.nextLevel },
      metadata: meta(checkAt, 'sim-timer', 'system'),
    });
  }
  if (category === 'trafficking' && r.chance(0.5)) {
    const escAt = openAt + r.between(1, 3) * HOUR;
    add(escAt, {
      type: 'EscalateCase',
      data: { toLevel: 'province', reason: 'mua bán người: cấp tỉnh chủ trì', automatic: false },
      metadata: meta(escAt),
    });
  }

  const unfounded = verification === 'unfounded';
  let closable = true;
  if (!unfounded) {
    const consentAt = Math.max(riskAt, openAt) + r.between(0.5, 24) * HOUR;
    const forReferral = r.chance(0.92);
    add(consentAt, {
      type: 'RecordConsent',
      data: {
        givenBy: r.weighted({ parent: 70, guardian: 20, child: 10 } as const),
        forServices: true,
        forReferral,
        forReporting: r.chance(0.8),
      },
      metadata: meta(consentAt),
    });
    last = Math.max(last, consentAt);

    const referrals = r.weighted({ '0': 30, '1': 45, '2': 20, '3': 5 });
    for (let k = 0; k < Number(referrals); k++) {
      const urgency = urgencyFor(r, risk);
      if (urgency !== 'emergency' && !forReferral) continue;
      const issueAt =
        urgency === 'emergency' ? riskAt + r.between(10, 120) * MIN : consentAt + r.between(10, 48 * 60) * MIN;
      const agency: Agency = r.weighted(REFERRAL_AGENCIES[category]);
      const referralId = r.uuid();
      add(issueAt, {
        type: 'IssueReferral',
        data: {
          referralId,
          toAgency: agency,
          reason: `Chuyển tuyến: ${category.replace(/_/g, ' ')}`,
          urgency,
          consentWaivedReason: 'trẻ đang gặp nguy hiểm',
        },
        metadata: meta(issueAt),
      });
      last = Math.max(last, issueAt);
      const officer = (at: number) => meta(at, `sim-officer-${agency}`, 'agency_officer');
      const ackBy = Date.parse(acknowledgeDeadline(iso(issueAt), urgency, ctx.policy));
      const dueAt = Date.parse(defaultReferralDue(iso(issueAt), ctx.policy));
      const timer = (at: number, deadline: 'acknowledge' | 'complete') =>
        add(at, {
          type: 'MarkReferralOverdue',
          data: { referralId, deadline },
          metadata: meta(at, 'sim-timer', 'system'),
        });
      timer(ackBy + r.between(0.5, 5) * MIN, 'acknowledge');
      timer(dueAt + r.between(0.5, 5) * MIN, 'complete');
      const b = AGENCY_BEHAVIOUR[agency];
      if (r.chance(b.silent)) {
        closable = false; // never answered within the period: the case cannot close
        continue;
      }
      const window = ackBy - issueAt;
      if (r.chance(b.decline / 2)) {
        const at = issueAt + r.between(0.1, 0.9) * window;
        add(at, {
          type: 'DeclineReferral',
          data: { referralId, reason: 'không thuộc thẩm quyền' },
          metadata: officer(at),
        });
        last = Math.max(last, at);
        continue;
      }
      const ackAt = r.chance(b.late) ? ackBy + r.between(0.1, 2) * window : issueAt + r.between(0.05, 0.95) * window;
      add(ackAt, { type: 'AcknowledgeReferral', data: { referralId }, metadata: officer(ackAt) });
      if (r.chance(b.decline / 2)) {
        const at = ackAt + r.between(1, 24) * HOUR;
        add(at, { type: 'DeclineReferral', data: { referralId, reason: 'không đủ nguồn lực' }, metadata: officer(at) });
        last = Math.max(last, at);
        continue;
      }
      const acceptAt = ackAt + r.between(0.5, 24) * HOUR;
      add(acceptAt, { type: 'AcceptReferral', data: { referralId }, metadata: officer(acceptAt) });
      const service =
        agency === 'health'
          ? 'medical'
          : agency === 'police'
            ? 'legal'
            : agency === 'education'
              ? 'education'
              : 'shelter';
      const supportAt = acceptAt + r.between(0.5, 5) * DAY;
      add(supportAt, {
        type: 'ProvideSupport',
        data: { service, agency, providedAt: iso(supportAt), notes: 'Hỗ trợ theo chuyển tuyến', referralId },
        metadata: officer(supportAt),
      });
      const completeAt = supportAt + r.between(0.2, 6) * DAY;
      add(completeAt, {
        type: 'CompleteReferral',
        data: { referralId, outcome: 'đã hỗ trợ', servicesProvided: [service] },
        metadata: officer(completeAt),
      });
      last = Math.max(last, completeAt);
    }

    if (r.chance(0.85)) {
      const detailedAt = riskAt + r.between(1, 4) * DAY;
      add(detailedAt, {
        type: 'CompleteDetailedAssessment',
        data: { needs: ['an toàn', 'tâm lý'], notes: 'Đánh giá chi tiết (mẫu 03)', at: iso(detailedAt) },
        metadata: meta(detailedAt),
      });
      last = Math.max(last, detailedAt);
      if (r.chance(0.9)) {
        let proposeAt = Math.max(detailedAt, responseAt) + r.between(0.5, 3) * DAY;
        const rejectFirst = r.chance(0.1);
        for (let attempt = 0; attempt < (rejectFirst ? 2 : 1); attempt++) {
          add(proposeAt, {
            type: 'ProposeSupportPlan',
            data: {
              planId: r.uuid(),
              goals: ['trẻ an toàn', 'ổn định tâm lý'],
              services: [
                { service: 'psychological', agency: 'social_affairs', dueAt: iso(proposeAt + r.between(7, 30) * DAY) },
              ],
              reviewAt: iso(proposeAt + 30 * DAY),
            },
            metadata: meta(proposeAt),
          });
          const decideAt = proposeAt + r.between(0.2, 3) * DAY;
          const reject = rejectFirst && attempt === 0;
          add(decideAt, {
            type: reject ? 'RejectSupportPlan' : 'ApproveSupportPlan',
            data: { comment: reject ? 'bổ sung dịch vụ' : 'đồng ý (mẫu 05)' },
            metadata: meta(decideAt, 'sim-supervisor', 'supervisor'),
          });
          last = Math.max(last, decideAt);
          proposeAt = decideAt + r.between(1, 3) * DAY;
        }
      }
    }
    if (category === 'child_marriage') {
      const at = openAt + r.between(1, 20) * DAY;
      add(at, {
        type: 'RecordChildMarriageOutcome',
        data: { outcome: r.chance(0.75) ? 'prevented' : 'occurred', at: iso(at) },
        metadata: meta(at),
      });
      last = Math.max(last, at);
    }
  }

  if (closable && r.chance(unfounded ? 0.95 : 0.8)) {
    const closeAt = last + (unfounded ? r.between(1, 5) : r.between(2, 30)) * DAY;
    const reason = unfounded
      ? r.chance(0.2)
        ? 'duplicate'
        : 'other'
      : r.weighted({ child_safe: 85, moved_away: 5, other: 6, aged_out: 2, deceased: 0.2 } as const);
    add(closeAt, { type: 'CloseCase', data: { reason, notes: 'Kết thúc hỗ trợ' }, metadata: meta(closeAt) });
    if (!unfounded && r.chance(REOPEN_SHARE)) {
      const reopenAt = closeAt + r.between(5, 60) * DAY;
      add(reopenAt, { type: 'ReopenCase', data: { reason: 'có báo cáo mới về trẻ' }, metadata: meta(reopenAt) });
      const supportAt = reopenAt + r.between(1, 3) * DAY;
      add(supportAt, {
        type: 'ProvideSupport',
        data: { service: 'psychological', agency: 'social_affairs', providedAt: iso(supportAt), notes: 'Hỗ trợ lại' },
        metadata: meta(supportAt),
      });
      const again = supportAt + r.between(5, 30) * DAY;
      add(again, {
        type: 'CloseCase',
        data: { reason: 'child_safe', notes: 'Kết thúc lần hai' },
        metadata: meta(again),
      });
    }
  }

  // Stable sort: every rule that needs an order (consent before referral, risk before form 03, ...) was given
  // strictly later instants above; the period's end cuts what has not happened yet.
  const kept = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.at <= endMs);
  kept.sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  return {
    caseId,
    childId: child.childId,
    category,
    areaCode: child.area.code,
    reportedAt,
    repeat,
    steps: kept.map(({ s }) => s),
  };
}
