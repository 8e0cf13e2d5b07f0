import type { MarkReferralOverdue } from '../case.commands';
import { type DecideOn, eventMeta } from './rules';

/** The deadline timer's command: nothing when the deadline is ahead, was met, or is already marked. */
export const markReferralOverdue: DecideOn<MarkReferralOverdue> = (command, state) => {
  const r = state.referrals.find((x) => x.referralId === command.data.referralId);
  if (!r || r.overdue.includes(command.data.deadline)) return [];
  const kind = command.data.deadline;
  const dueAt = kind === 'acknowledge' ? r.acknowledgeBy : r.dueAt;
  if (Date.parse(command.metadata.occurredAt) < Date.parse(dueAt)) return [];
  const met = kind === 'acknowledge' ? r.status !== 'issued' : r.status === 'completed' || r.status === 'declined';
  if (met) return [];
  return [
    {
      type: 'ReferralOverdue',
      data: { caseId: state.caseId, referralId: r.referralId, deadline: kind, dueAt },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
