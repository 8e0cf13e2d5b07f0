import type { HistoryEvent } from '../../api/types';
import { CATALOGUES, type MessageKey } from '../../i18n/catalogue';
import type { I18n } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';

const has = (key: string): key is MessageKey => key in CATALOGUES.vi;

/** A label for a value of a vocabulary (`service.medical`), or the value itself (free text, old values). */
function label(t: I18n['t'], group: string, value: unknown): string {
  const key = `${group}.${String(value)}`;
  return has(key) ? t(key) : String(value);
}

/** A short line about what an event changed; personal notes are not repeated here. */
export function eventDetail(
  t: I18n['t'],
  e: HistoryEvent,
  agencyOf: (referralId: string) => string | undefined,
): string {
  const d = e.data;
  const referralAgency = () => {
    const a = agencyOf(String(d.referralId));
    return a ? label(t, 'agency', a) : '';
  };
  switch (e.type) {
    case 'CaseOpened':
      return `${label(t, 'category', d.category)} · ${label(t, 'source', d.source)}`;
    case 'RiskAssessed':
      return `${label(t, 'risk', d.level)} · ${label(t, 'verification', d.verification)}`;
    case 'EmergencyMeasureApplied':
      return label(t, 'measure', d.measure);
    case 'ConsentRecorded':
      return label(t, 'consentGiver', d.givenBy);
    case 'DetailedAssessmentCompleted':
      return (Array.isArray(d.needs) ? d.needs : []).map((n) => label(t, 'service', n)).join(', ');
    case 'CaseEscalated':
      return (
        t('timeline.escalation', { from: label(t, 'level', d.fromLevel), to: label(t, 'level', d.toLevel) }) +
        (d.automatic ? ` (${t('case.escalationAutomatic')})` : '')
      );
    case 'SupportPlanProposed':
      return (Array.isArray(d.goals) ? d.goals : []).join('; ');
    case 'SupportPlanApproved':
    case 'SupportPlanRejected':
      return String(d.comment ?? '');
    case 'SupportProvided':
      return `${label(t, 'service', d.service)} · ${label(t, 'agency', d.agency)}`;
    case 'ReferralIssued':
      return `${label(t, 'agency', d.toAgency)} · ${label(t, 'urgency', d.urgency)}`;
    case 'ReferralAcknowledged':
    case 'ReferralAccepted':
      return referralAgency();
    case 'ReferralDeclined':
      return `${referralAgency()} · ${String(d.reason ?? '')}`;
    case 'ReferralCompleted':
      return `${referralAgency()} · ${String(d.outcome ?? '')}`;
    case 'ReferralOverdue':
      return `${referralAgency()} · ${t(d.deadline === 'acknowledge' ? 'deadline.acknowledge' : 'deadline.complete')}`;
    case 'ChildMarriageOutcomeRecorded':
      return label(t, 'childMarriage', d.outcome);
    case 'CaseClosed':
      return label(t, 'closure', d.reason);
    case 'CaseReopened':
      return String(d.reason ?? '');
    default:
      return '';
  }
}

/** The case's events from GET /cases/:id/history, oldest first. */
export function Timeline({ events }: { events: HistoryEvent[] }) {
  const { t, dateTime } = useI18n();
  const agencies = new Map(
    events.filter((e) => e.type === 'ReferralIssued').map((e) => [String(e.data.referralId), String(e.data.toAgency)]),
  );
  return (
    <ol className="timeline">
      {events.map((e) => {
        const key = `event.${e.type}`;
        const detail = eventDetail(t, e, (id) => agencies.get(id));
        return (
          <li key={e.version} className="timeline__item">
            <time dateTime={e.occurredAt}>{dateTime(e.occurredAt)}</time>
            <div>
              <strong>{has(key) ? t(key) : t('event.unknown', { type: e.type })}</strong>{' '}
              <span className="muted">{t('case.by', { role: label(t, 'role', e.actorRole) })}</span>
              {detail && <p className="timeline__detail">{detail}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
