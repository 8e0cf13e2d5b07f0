import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useAreas } from '../../api/areas';
import { describeError } from '../../api/errors';
import { getCase } from '../../api/sen';
import type { CaseView } from '../../api/types';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { needLabel } from '../case/case-sections';
import { type FormNumber, FORM_NUMBERS, decidedPlan, formAvailable, isFormNumber } from './forms';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function Form01({ c }: { c: CaseView }) {
  const { t, dateTime, date } = useI18n();
  const areas = useAreas();
  return (
    <>
      <h3>{t('open.section.child')}</h3>
      <table className="form-table">
        <tbody>
          <Row label={t('open.fullName')}>{c.child.fullName}</Row>
          <Row label={t('open.sex')}>{t(`sex.${c.child.sex}`)}</Row>
          <Row label={t('open.dateOfBirth')}>{c.child.dateOfBirth ? date(c.child.dateOfBirth) : '—'}</Row>
          <Row label={t('open.ageYears')}>{c.child.ageYears ?? '—'}</Row>
          <Row label={t('open.ethnicity')}>{c.child.ethnicity ?? '—'}</Row>
          <Row label={t('open.disability')}>{c.child.disability ?? '—'}</Row>
        </tbody>
      </table>
      <h3>{t('open.section.case')}</h3>
      <table className="form-table">
        <tbody>
          <Row label={t('open.category')}>{t(`category.${c.category}`)}</Row>
          <Row label={t('open.commune')}>{areas.nameOf(c.areaCode)}</Row>
          <Row label={t('open.reportedAt')}>{dateTime(c.reportedAt)}</Row>
          <Row label={t('open.source')}>{t(`source.${c.source}`)}</Row>
          <Row label={t('open.summary')}>
            <span className="pre-line">{c.summary}</span>
          </Row>
        </tbody>
      </table>
      <h3>{t('open.section.reporter')}</h3>
      <table className="form-table">
        <tbody>
          <Row label={t('open.reporterName')}>{c.reporter?.name ?? '—'}</Row>
          <Row label={t('open.reporterPhone')}>{c.reporter?.phone ?? '—'}</Row>
          <Row label={t('open.reporterRelation')}>{c.reporter?.relation ?? '—'}</Row>
        </tbody>
      </table>
    </>
  );
}

function Form02({ c }: { c: CaseView }) {
  const { t, dateTime } = useI18n();
  if (!c.risk) return null;
  return (
    <>
      <table className="form-table">
        <tbody>
          <Row
            label={t('case.child')}
          >{`${c.child.fullName} (${t('common.years', { n: c.child.ageYears ?? '—' })})`}</Row>
          <Row label={t('field.verification')}>{t(`verification.${c.risk.verification}`)}</Row>
          <Row label={t('field.level')}>{t(`risk.${c.risk.level}`)}</Row>
          <Row label={t('case.factors')}>{c.risk.factors.join('; ') || '—'}</Row>
          <Row label={t('case.notes')}>{c.risk.notes || '—'}</Row>
          <Row label={t('field.assessedAt')}>{dateTime(c.risk.assessedAt)}</Row>
        </tbody>
      </table>
      <h3>{t('case.emergencyMeasures')}</h3>
      {c.emergencyMeasures.length ? (
        <ul>
          {c.emergencyMeasures.map((m, i) => (
            <li key={i}>
              {t(`measure.${m.measure}`)} — {dateTime(m.appliedAt)} {m.notes && `· ${m.notes}`}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('common.none')}</p>
      )}
    </>
  );
}

function Form03({ c }: { c: CaseView }) {
  const { t, dateTime } = useI18n();
  const d = c.detailedAssessment;
  if (!d) return null;
  return (
    <table className="form-table">
      <tbody>
        <Row label={t('case.child')}>{c.child.fullName}</Row>
        <Row label={t('case.needs')}>
          <ul>
            {d.needs.map((n, i) => (
              <li key={i}>{needLabel(t, n)}</li>
            ))}
          </ul>
        </Row>
        <Row label={t('case.notes')}>{d.notes || '—'}</Row>
        <Row label={t('field.at')}>{dateTime(d.at)}</Row>
      </tbody>
    </table>
  );
}

function PlanBody({ c, which }: { c: CaseView; which: 'latest' | 'decided' }) {
  const { t, dateTime } = useI18n();
  const plan = which === 'latest' ? c.plan.latest : decidedPlan(c);
  if (!plan) return null;
  return (
    <>
      <h3>{t('case.goals')}</h3>
      <ol>
        {plan.goals.map((g, i) => (
          <li key={i}>{g}</li>
        ))}
      </ol>
      <h3>{t('case.plannedServices')}</h3>
      <table className="form-table form-table--grid">
        <thead>
          <tr>
            <th scope="col">{t('field.service')}</th>
            <th scope="col">{t('field.agency')}</th>
            <th scope="col">{t('field.dueAt')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.services.map((s, i) => (
            <tr key={i}>
              <td>{t(`service.${s.service}`)}</td>
              <td>{t(`agency.${s.agency}`)}</td>
              <td>{dateTime(s.dueAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('case.reviewAt', { at: dateTime(plan.reviewAt) })}</p>
    </>
  );
}

function Form05({ c }: { c: CaseView }) {
  const { t, dateTime } = useI18n();
  const plan = decidedPlan(c);
  if (!plan) return null;
  return (
    <>
      <h3>{t('forms.decision')}</h3>
      <p>
        {plan.status === 'approved'
          ? t('forms.decisionApproved', { name: c.child.fullName })
          : t('forms.decisionRejected')}
      </p>
      {plan.comment && <p>{plan.comment}</p>}
      <p>{t('forms.decidedAt', { at: dateTime(plan.decidedAt) })}</p>
      <PlanBody c={c} which="decided" />
    </>
  );
}

/** A printable form of Decree 56/2017/NĐ-CP, built from the case (print CSS hides everything else). */
export function FormPage() {
  const { caseId = '', form } = useParams();
  const { t, dateTime } = useI18n();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const n: FormNumber | null = isFormNumber(form) ? form : null;

  useEffect(() => {
    let cancelled = false;
    getCase(caseId)
      .then((c) => !cancelled && setView(c))
      .catch((e) => !cancelled && setError(describeError(t, e)));
    return () => {
      cancelled = true;
    };
  }, [caseId, t]);

  if (!n) {
    return (
      <>
        <PageHeading title={t('app.notFound.title')} />
        <p>{t('app.notFound.text')}</p>
      </>
    );
  }
  const title = `${t('forms.title', { n })}: ${t(`forms.name.${n}`)}`;
  return (
    <>
      <div className="no-print form-toolbar">
        <Link to={`/cases/${caseId}`}>{t('forms.back')}</Link>
        <nav aria-label={t('forms.list')}>
          <ul className="inline-list">
            {FORM_NUMBERS.map((m) => (
              <li key={m}>
                <Link to={`/cases/${caseId}/forms/${m}`} aria-current={m === n ? 'page' : undefined}>
                  {t('forms.title', { n: m })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      <article className="printable">
        <header className="printable__header">
          <p className="printable__form-no">
            {t('forms.title', { n })}
            <br />
            <span className="printable__decree">{t('forms.decree')}</span>
          </p>
          <p className="printable__national">
            <strong>{t('forms.nationalTitle')}</strong>
            <br />
            <span className="printable__motto">{t('forms.nationalMotto')}</span>
          </p>
        </header>
        <PageHeading title={t(`forms.name.${n}`)} documentTitle={title} />
        {error && <Notice kind="error">{error}</Notice>}
        {view && (
          <>
            <p className="muted">{t('forms.caseRef', { id: view.caseId })}</p>
            {!formAvailable(view, n) ? (
              <Notice kind="info">{t('forms.missing')}</Notice>
            ) : n === '01' ? (
              <Form01 c={view} />
            ) : n === '02' ? (
              <Form02 c={view} />
            ) : n === '03' ? (
              <Form03 c={view} />
            ) : n === '04' ? (
              <PlanBody c={view} which="latest" />
            ) : (
              <Form05 c={view} />
            )}
            <div className="signatures">
              <div>
                <p>
                  <strong>{n === '05' ? t('forms.approver') : t('forms.signature')}</strong>
                </p>
                <p className="muted">{t('forms.signatureHint')}</p>
              </div>
            </div>
            <p className="printable__footer muted">
              {t('forms.printedAt', { at: dateTime(new Date().toISOString()) })}
            </p>
          </>
        )}
      </article>
    </>
  );
}
