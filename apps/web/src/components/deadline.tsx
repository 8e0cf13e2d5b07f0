import type { Deadline as DeadlineView } from '../api/types';
import { durationParts } from '../i18n/format';
import type { I18n } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { useNow } from '../hooks';
import { Badge, DEADLINE_TONE } from './badges';

/** “11 giờ 20 phút”: the two largest units of a span. */
export function humanDuration(t: I18n['t'], ms: number): string {
  const { days, hours, minutes } = durationParts(ms);
  const parts: string[] = [];
  if (days) parts.push(t('duration.days', { n: days }));
  if (hours) parts.push(t('duration.hours', { n: hours }));
  if (!days && (minutes || parts.length === 0)) parts.push(t('duration.minutes', { n: minutes }));
  return parts.slice(0, 2).join(' ');
}

/** The time left before a deadline or how late it is, counting down as the page stays open. */
export function Countdown({ dueAt }: { dueAt: string }) {
  const { t } = useI18n();
  const now = useNow();
  const left = Date.parse(dueAt) - now;
  return (
    <span className={left < 0 ? 'countdown countdown--late' : 'countdown'}>
      {left < 0
        ? t('deadline.late', { time: humanDuration(t, left) })
        : t('deadline.remaining', { time: humanDuration(t, left) })}
    </span>
  );
}

/** One deadline: what it is, its status, when it is due, and the countdown while it is open. */
export function DeadlineRow({ label, deadline }: { label: string; deadline: DeadlineView }) {
  const { t, dateTime } = useI18n();
  const now = useNow();
  // The status from the server was computed when the case was read; a pending deadline may have passed since.
  const status =
    deadline.status === 'pending' && deadline.dueAt && Date.parse(deadline.dueAt) < now ? 'overdue' : deadline.status;
  return (
    <li className="deadline">
      <span className="deadline__label">{label}</span>
      <Badge tone={DEADLINE_TONE[status]}>{t(`deadline.${status}`)}</Badge>
      {deadline.dueAt && <span className="deadline__due">{t('deadline.due', { at: dateTime(deadline.dueAt) })}</span>}
      {deadline.doneAt ? (
        <span className="deadline__done">{t('deadline.doneAt', { at: dateTime(deadline.doneAt) })}</span>
      ) : (
        deadline.dueAt && status !== 'not_applicable' && <Countdown dueAt={deadline.dueAt} />
      )}
    </li>
  );
}
