import type { ReactNode } from 'react';
import { useAreas } from '../../api/areas';
import type { CaseView } from '../../api/types';
import { Badge, ReferralStatusBadge } from '../../components/badges';
import { DeadlineRow } from '../../components/deadline';
import { CATALOGUES, type MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="card section-card">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="dl__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A need is a service key (medical, psychological…) or free text. */
export function needLabel(t: (k: MessageKey) => string, need: string): string {
  const key = `service.${need}`;
  return key in CATALOGUES.vi ? t(key as MessageKey) : need;
}

export function CaseDetails({ c }: { c: CaseView }) {
  const { t, dateTime, date } = useI18n();
  const areas = useAreas();
  return (
    <Section id="details" title={t('case.details')}>
      <dl className="dl">
        <Item term={t('case.child')}>{c.child.fullName}</Item>
        <Item term={t('case.sex')}>{t(`sex.${c.child.sex}`)}</Item>
        {c.child.dateOfBirth && <Item term={t('case.dob')}>{date(c.child.dateOfBirth)}</Item>}
        {c.child.ageYears !== undefined && (
          <Item term={t('case.age')}>{t('common.years', { n: c.child.ageYears })}</Item>
        )}
        {c.child.ethnicity && <Item term={t('case.ethnicity')}>{c.child.ethnicity}</Item>}
        {c.child.disability && <Item term={t('case.disability')}>{c.child.disability}</Item>}
        <Item term={t('case.category')}>{t(`category.${c.category}`)}</Item>
        <Item term={t('case.area')}>{areas.nameOf(c.areaCode)}</Item>
        <Item term={t('case.level')}>{t(`level.${c.level}`)}</Item>
        <Item term={t('case.reportedAt')}>{dateTime(c.reportedAt)}</Item>
        <Item term={t('case.source')}>{t(`source.${c.source}`)}</Item>
        {c.reporter && (
          <Item term={t('case.reporter')}>
            {c.reporter.name} · {c.reporter.phone} · {c.reporter.relation}
          </Item>
        )}
        <Item term={t('case.summary')}>
          <span className="pre-line">{c.summary}</span>
        </Item>
      </dl>
    </Section>
  );
}

export function Deadlines({ c }: { c: CaseView }) {
  const { t } = useI18n();
  return (
    <Section id="deadlines" title={t('case.deadlines')}>
      <ul className="deadlines">
        {c.deadlines.firstResponse.status !== 'not_applicable' && (
          <DeadlineRow label={t('deadline.firstResponse')} deadline={c.deadlines.firstResponse} />
        )}
        <DeadlineRow label={t('deadline.plan')} deadline={c.deadlines.plan} />
        {c.referrals.flatMap((r) => [
          <DeadlineRow
            key={`${r.referralId}-a`}
            label={`${t('deadline.acknowledge')} — ${t(`agency.${r.toAgency}`)}`}
            deadline={r.deadlines.acknowledge}
          />,
          <DeadlineRow
            key={`${r.referralId}-c`}
            label={`${t('deadline.complete')} — ${t(`agency.${r.toAgency}`)}`}
            deadline={r.deadlines.complete}
          />,
        ])}
      </ul>
    </Section>
  );
}

export function CareSections({ c }: { c: CaseView }) {
  const { t, dateTime } = useI18n();
  const none = <p className="muted">{t('case.nothingYet')}</p>;
  const plan = c.plan.latest;
  return (
    <>
      <Section id="assessment" title={t('case.assessment')}>
        {c.risk ? (
          <dl className="dl">
            <Item term={t('field.level')}>{t(`risk.${c.risk.level}`)}</Item>
            <Item term={t('field.verification')}>{t(`verification.${c.risk.verification}`)}</Item>
            {c.risk.factors.length > 0 && <Item term={t('case.factors')}>{c.risk.factors.join('; ')}</Item>}
            {c.risk.notes && <Item term={t('case.notes')}>{c.risk.notes}</Item>}
            <Item term={t('field.assessedAt')}>{dateTime(c.risk.assessedAt)}</Item>
          </dl>
        ) : (
          none
        )}
        <h3>{t('case.emergencyMeasures')}</h3>
        {c.emergencyMeasures.length ? (
          <ul>
            {c.emergencyMeasures.map((m, i) => (
              <li key={i}>
                {t(`measure.${m.measure}`)} — {dateTime(m.appliedAt)}
                {m.notes && <> · {m.notes}</>}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
        <h3>{t('case.detailedAssessment')}</h3>
        {c.detailedAssessment ? (
          <p>
            {c.detailedAssessment.needs.map((n) => needLabel(t, n)).join(', ')} — {dateTime(c.detailedAssessment.at)}
            {c.detailedAssessment.notes && <> · {c.detailedAssessment.notes}</>}
          </p>
        ) : (
          none
        )}
        <h3>{t('case.consent')}</h3>
        {c.consent ? (
          <p>
            {t('case.consentGivenBy', { who: t(`consentGiver.${c.consent.givenBy}`) })};{' '}
            {t('case.consentFor', {
              what:
                [
                  c.consent.forServices && t('case.consentServices'),
                  c.consent.forReferral && t('case.consentReferral'),
                  c.consent.forReporting && t('case.consentReporting'),
                ]
                  .filter(Boolean)
                  .join(', ') || t('common.none'),
            })}
          </p>
        ) : (
          <p className="muted">{t('case.noConsent')}</p>
        )}
      </Section>

      <Section id="plan" title={t('case.plan')}>
        {plan ? (
          <>
            <p>
              <Badge tone={plan.status === 'approved' ? 'good' : plan.status === 'rejected' ? 'bad' : 'warn'}>
                {t(`case.planStatus.${plan.status}`)}
              </Badge>{' '}
              {t('case.reviewAt', { at: dateTime(plan.reviewAt) })}
            </p>
            <h3>{t('case.goals')}</h3>
            <ul>
              {plan.goals.map((g, i) => (
                <li key={i}>{g}</li>
              ))}
            </ul>
            <h3>{t('case.plannedServices')}</h3>
            <ul>
              {plan.services.map((s, i) => (
                <li key={i}>
                  {t(`service.${s.service}`)} — {t(`agency.${s.agency}`)} — {dateTime(s.dueAt)}
                </li>
              ))}
            </ul>
            {plan.comment && <p>{plan.comment}</p>}
          </>
        ) : (
          none
        )}
        <h3>{t('case.support')}</h3>
        {c.support.length ? (
          <ul>
            {c.support.map((s, i) => (
              <li key={i}>
                {t(`service.${s.service}`)} — {t(`agency.${s.agency}`)} — {dateTime(s.providedAt)}
                {s.notes && <> · {s.notes}</>}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>

      <Section id="referrals" title={t('case.referrals')}>
        {c.referrals.length ? (
          <ul className="card-list">
            {c.referrals.map((r) => (
              <li key={r.referralId} className="referral">
                <p>
                  <strong>{t('case.referralTo', { agency: t(`agency.${r.toAgency}`) })}</strong>{' '}
                  <ReferralStatusBadge status={r.status} /> <span className="muted">{t(`urgency.${r.urgency}`)}</span>
                </p>
                <p>{t('case.referralReason', { reason: r.reason })}</p>
                {r.consentWaivedReason && (
                  <p className="muted">{t('case.waived', { reason: r.consentWaivedReason })}</p>
                )}
                {r.declineReason && <p>{t('case.declineReason', { reason: r.declineReason })}</p>}
                {r.outcome && (
                  <p>
                    {t('case.outcome', { outcome: r.outcome })}
                    {r.servicesProvided?.length
                      ? ` (${r.servicesProvided.map((s) => t(`service.${s}`)).join(', ')})`
                      : ''}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
        {c.escalations.length > 0 && (
          <>
            <h3>{t('case.escalations')}</h3>
            <ul>
              {c.escalations.map((e, i) => (
                <li key={i}>
                  {t(`level.${e.fromLevel}`)} → {t(`level.${e.toLevel}`)} — {dateTime(e.at)} · {e.reason}
                  {e.automatic && <> ({t('case.escalationAutomatic')})</>}
                </li>
              ))}
            </ul>
          </>
        )}
        {c.childMarriageOutcome && (
          <>
            <h3>{t('case.childMarriageOutcome')}</h3>
            <p>
              {t(`childMarriage.${c.childMarriageOutcome.outcome}`)} — {dateTime(c.childMarriageOutcome.at)}
            </p>
          </>
        )}
        {c.closures.length > 0 && (
          <>
            <h3>{t('case.closures')}</h3>
            <ul>
              {c.closures.map((x, i) => (
                <li key={i}>
                  {t(`closure.${x.reason}`)} — {dateTime(x.at)}
                  {x.notes && <> · {x.notes}</>}
                </li>
              ))}
            </ul>
          </>
        )}
        {c.reopenings.length > 0 && (
          <>
            <h3>{t('case.reopenings')}</h3>
            <ul>
              {c.reopenings.map((x, i) => (
                <li key={i}>
                  {dateTime(x.at)} · {x.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
    </>
  );
}
