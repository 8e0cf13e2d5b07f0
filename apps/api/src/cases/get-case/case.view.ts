import type { CaseDetailState, CaseFile, Referral } from '@sen/read-models';
import { deadlineOutcome } from '@sen/case-domain';

export type DeadlineStatus = 'met' | 'missed' | 'pending' | 'overdue' | 'not_applicable';

export interface DeadlineView {
  dueAt: string | null;
  doneAt: string | null;
  status: DeadlineStatus;
}

/** met: done by the deadline; missed: done late; overdue: not done and late now; pending: not done, still time. */
export function deadline(dueAt: string | null, doneAt: string | null, now: Date): DeadlineView {
  if (dueAt === null) return { dueAt, doneAt, status: 'not_applicable' };
  return { dueAt, doneAt, status: deadlineOutcome(dueAt, doneAt, now) };
}

function referralView(r: Referral, now: Date) {
  const finishedAt = r.completedAt ?? r.declinedAt ?? null;
  return {
    ...r,
    deadlines: {
      acknowledge: deadline(r.acknowledgeBy, r.acknowledgedAt ?? r.declinedAt ?? null, now),
      complete: deadline(r.dueAt, finishedAt, now),
    },
  };
}

export function caseDeadlines(file: CaseFile, now: Date) {
  return {
    firstResponse: deadline(file.deadlines.firstResponseBy, file.firstResponseAt, now),
    plan: deadline(file.deadlines.planBy, file.planProposedAt, now),
  };
}

/** The full case as its social worker and supervisor see it. */
export function fullCaseView(state: Exclude<CaseDetailState, { status: 'none' }>, version: number, now: Date) {
  const f = state.file;
  return {
    caseId: f.caseId,
    version,
    status: state.status,
    childId: f.childId,
    child: f.child,
    category: f.category,
    summary: f.summary,
    areaCode: f.areaCode,
    level: f.level,
    reportedAt: f.reportedAt,
    source: f.source,
    reporter: f.reporter ?? null,
    incidentId: f.incidentId ?? null,
    openedAt: f.openedAt,
    openedBy: f.openedBy,
    assigneeId: f.assigneeId,
    risk: f.risk,
    emergencyMeasures: f.emergencyMeasures,
    consent: f.consent,
    detailedAssessment: f.detailedAssessment,
    plan: { approved: f.approvedPlan, latest: f.latestPlan },
    support: f.support,
    referrals: f.referrals.map((r) => referralView(r, now)),
    escalations: f.escalations,
    firstResponseAt: f.firstResponseAt,
    childMarriageOutcome: f.childMarriageOutcome,
    closures: f.closures,
    reopenings: f.reopenings,
    personalDataErased: f.personalDataErased,
    deadlines: caseDeadlines(f, now),
    ...(state.status === 'closed' ? { closedAt: state.closedAt, closureReason: state.reason } : {}),
  };
}
