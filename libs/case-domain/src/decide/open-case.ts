import type { OpenCase } from '../case.commands';
import type { CaseEvent } from '../case.events';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { CHILD_AGE_LIMIT_YEARS } from '../case.types';
import { ageInYears, firstResponseDeadline, planDeadline } from '../deadlines';
import { type DecideContext, eventMeta, notInFuture } from './rules';

/** Opening is the one command without a case: `decide` has checked that none exists. */
export function openCase(command: OpenCase, ctx: DecideContext): CaseEvent[] {
  const d = command.data;
  const now = command.metadata.occurredAt;
  notInFuture('reportedAt', d.reportedAt, now);
  const age =
    d.child.dateOfBirth !== undefined
      ? ageInYears(d.child.dateOfBirth, d.reportedAt, ctx.policy.utcOffsetMinutes)
      : d.child.ageYears;
  if (age === undefined) {
    throw new RuleViolationError(E.CHILD_NOT_A_CHILD, 'child.dateOfBirth or child.ageYears is required', {
      field: 'child',
    });
  }
  // A date of birth that is not YYYY-MM-DD (say 02/03/2010) gives NaN, which no comparison below would refuse.
  if (!Number.isFinite(age) || age < 0 || age >= CHILD_AGE_LIMIT_YEARS) {
    throw new RuleViolationError(
      E.CHILD_NOT_A_CHILD,
      `a child is a person under ${CHILD_AGE_LIMIT_YEARS} (Law on Children 2016, art. 1); this person was ${age} when reported`,
      { field: 'child', ageYears: age },
    );
  }
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: d.caseId,
        childId: d.childId,
        // Age at report is kept beside the date of birth: it is what need-to-know views show, and it survives erasure.
        child: { ...d.child, ageYears: age },
        category: d.category,
        summary: d.summary,
        location: { areaCode: d.location.areaCode },
        reportedAt: d.reportedAt,
        source: d.source,
        ...(d.reporter ? { reporter: d.reporter } : {}),
        ...(d.incidentId ? { incidentId: d.incidentId } : {}),
        level: 'commune',
        deadlines: {
          firstResponseBy: firstResponseDeadline(d.reportedAt, d.category, ctx.policy),
          planBy: planDeadline(d.reportedAt, ctx.policy, ctx.calendar),
        },
      },
      metadata: eventMeta(command, d.childId),
    },
  ];
}
