import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { describeError } from '../../api/errors';
import { caseHistory, getCase, type CaseAction } from '../../api/sen';
import type { CaseView, HistoryEvent } from '../../api/types';
import { useUser } from '../../auth/auth';
import { RiskBadge, StatusBadge } from '../../components/badges';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { ActionForm } from './action-form';
import { ACTION_SPECS, availableActions, runAction } from './actions';
import { CareSections, CaseDetails, Deadlines, Section } from './case-sections';
import { FORM_NUMBERS, formAvailable } from '../forms/forms';
import { Timeline } from './timeline';

type Flash = { kind: 'success' | 'info'; text: string } | null;

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const location = useLocation();
  const [view, setView] = useState<CaseView | null>(null);
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [flash, setFlash] = useState<Flash>(() =>
    (location.state as { flash?: string } | null)?.flash === 'opened'
      ? { kind: 'success', text: t('open.opened') }
      : null,
  );
  const panel = useRef<HTMLDivElement>(null);

  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);

  // Read from the event stream (GET /cases/:id is always current), with the history beside it.
  useEffect(() => {
    let cancelled = false;
    Promise.all([getCase(caseId), caseHistory(caseId)]).then(
      ([c, h]) => {
        if (cancelled) return;
        setView(c);
        setEvents(h.events);
        setError(null);
      },
      (e) => !cancelled && setError(describeError(t, e)),
    );
    return () => {
      cancelled = true;
    };
  }, [caseId, t, round]);

  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>('input, select, textarea');
    first?.focus();
  }, [open]);

  if (!view) {
    return (
      <>
        <PageHeading title={t('case.loading')} documentTitle={t('cases.title')} />
        {error ? <Notice kind="error">{error}</Notice> : <p role="status">{t('app.loading')}</p>}
      </>
    );
  }

  const actions = availableActions(view, user);

  return (
    <>
      <PageHeading
        title={t('case.title', { name: view.child.fullName })}
        documentTitle={`${t('cases.title')} ${view.caseId.slice(0, 8)}`}
      >
        <p className="badges">
          <StatusBadge status={view.status} />
          <RiskBadge level={view.risk?.level ?? null} />
          <span className="muted">{t('common.version', { version: view.version })}</span>
        </p>
      </PageHeading>
      {view.personalDataErased && <Notice kind="info">{t('case.erased')}</Notice>}
      {flash && (
        <Notice kind={flash.kind} focus>
          {flash.text}
        </Notice>
      )}
      {conflict && (
        <Notice kind="error" focus>
          {t('error.versionConflict')}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setConflict(false);
              reload();
            }}
          >
            {t('error.versionConflict.reload')}
          </button>
        </Notice>
      )}
      {error && <Notice kind="error">{error}</Notice>}

      <div className="case-layout">
        <div className="case-layout__side">
          <Deadlines c={view} />
          <Section id="actions" title={t('case.actions')}>
            {actions.length === 0 ? (
              <p className="muted">{t('case.noActions')}</p>
            ) : (
              <>
                <p className="muted">{t('case.actionsIntro')}</p>
                <ul className="action-list">
                  {actions.map((a) => (
                    <li key={a}>
                      <button
                        type="button"
                        className={`button button--secondary button--block${open === a ? ' is-open' : ''}`}
                        aria-expanded={open === a}
                        aria-controls="action-panel"
                        onClick={() => {
                          setFlash(null);
                          setOpen(open === a ? null : a);
                        }}
                      >
                        {t(`action.${a}`)}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <div id="action-panel" ref={panel}>
              {open && actions.includes(open) && (
                <ActionForm
                  key={open}
                  id={`action-${open.replace('/', '-')}`}
                  title={t(`action.${open}`)}
                  fields={ACTION_SPECS[open].fields}
                  check={ACTION_SPECS[open].check}
                  caseView={view}
                  submit={(values) => runAction(ACTION_SPECS[open], view, values)}
                  onConflict={() => setConflict(true)}
                  onDone={() => {
                    const done = open;
                    setOpen(null);
                    setConflict(false);
                    setFlash({ kind: 'success', text: t('case.done', { action: t(`action.${done}`) }) });
                    reload();
                  }}
                />
              )}
            </div>
          </Section>
          <Section id="forms" title={t('case.forms')}>
            <ul className="form-links">
              {FORM_NUMBERS.map((n) => (
                <li key={n}>
                  {formAvailable(view, n) ? (
                    <Link to={`/cases/${view.caseId}/forms/${n}`}>
                      {t('forms.title', { n })}: {t(`forms.name.${n}`)}
                    </Link>
                  ) : (
                    <span className="muted">
                      {t('forms.title', { n })}: {t(`forms.name.${n}`)} ({t('case.formUnavailable')})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </Section>
        </div>
        <div className="case-layout__main">
          <CaseDetails c={view} />
          <CareSections c={view} />
          <Section id="timeline" title={t('case.timeline')}>
            <p className="muted">{t('case.timelineIntro')}</p>
            <Timeline events={events} />
          </Section>
        </div>
      </div>
    </>
  );
}
