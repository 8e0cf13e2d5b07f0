import { useCallback, useEffect, useReducer, useState, type FormEvent } from 'react';
import { useAreas } from '../../api/areas';
import { describeError, fieldErrors } from '../../api/errors';
import { ApiError } from '../../api/http';
import { inbox, referralAction, type ReferralAction } from '../../api/sen';
import type { InboxItem } from '../../api/types';
import { useUser } from '../../auth/auth';
import { Badge, ReferralStatusBadge, RiskBadge } from '../../components/badges';
import { Countdown } from '../../components/deadline';
import { Checkbox, ChoiceGroup, ErrorSummary, SelectField, TextArea } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { REFERRAL_STATUSES, SERVICES } from '../../domain/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { usePaged } from '../../hooks-paged';
import { textProblem } from '../../validation/rules';
import { cardButtons, cardReducer, initialCard, shownStatus } from './inbox-card-state';

/** What became of an action: done, or refused (with the problems by field for the open form, if any). */
export type ActResult = { ok: true } | { ok: false; ended: boolean; problems: Record<string, string> | null };

type Flash = { kind: 'success' | 'error'; text: string; conflict?: boolean } | null;

/** Decline (a reason) or complete (an outcome and the services given): the two actions that need words. */
function ReasonForm({
  item,
  action,
  onSubmit,
  onCancel,
}: {
  item: InboxItem;
  action: 'decline' | 'complete';
  onSubmit: (body: object) => Promise<Record<string, string> | null>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = `${action}-${item.referralId}`;
  const field = action === 'decline' ? 'reason' : 'outcome';

  useEffect(() => document.getElementById(`${id}-${field}`)?.focus(), [id, field]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const p = textProblem(reason, 2000);
    if (p) {
      setErrors({ [`${id}-${field}`]: t(p.key, p.params) });
      return;
    }
    setBusy(true);
    const problems = await onSubmit(
      action === 'decline' ? { reason: reason.trim() } : { outcome: reason.trim(), servicesProvided: services },
    );
    setBusy(false);
    if (problems) setErrors(Object.fromEntries(Object.entries(problems).map(([k, v]) => [`${id}-${k}`, v])));
  }

  const label = action === 'decline' ? t('field.declineReason') : t('field.outcome');
  return (
    <form className="form action-form" onSubmit={submit} noValidate aria-label={t(`inbox.${action}`)}>
      <ErrorSummary
        errors={Object.entries(errors).map(([k, m]) => ({
          id: k,
          message: `${k.endsWith('servicesProvided') ? t('field.servicesProvided') : label}: ${m}`,
        }))}
      />
      <TextArea
        id={`${id}-${field}`}
        label={label}
        value={reason}
        onValue={setReason}
        error={errors[`${id}-${field}`]}
        maxLength={2000}
        rows={3}
      />
      {action === 'complete' && (
        <ChoiceGroup
          id={`${id}-servicesProvided`}
          legend={t('field.servicesProvided')}
          error={errors[`${id}-servicesProvided`]}
        >
          {SERVICES.map((s) => (
            <Checkbox
              key={s}
              id={`${id}-svc-${s}`}
              label={t(`service.${s}`)}
              checked={services.includes(s)}
              onChecked={(on) => setServices((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)))}
            />
          ))}
        </ChoiceGroup>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.sending') : t(`inbox.${action}`)}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function InboxCard({
  item,
  act,
}: {
  item: InboxItem;
  act: (item: InboxItem, action: ReferralAction, body?: object) => Promise<ActResult>;
}) {
  const { t, dateTime } = useI18n();
  const areas = useAreas();
  const [card, dispatch] = useReducer(cardReducer, initialCard);
  const [busy, setBusy] = useState(false);
  const form = card.form;
  const status = shownStatus(item.status, card);
  const buttons = cardButtons(item.status, card);
  // The outcome of an action for this card: a success closes the form and keeps the new status until the list has
  // it; "ended" closes the form too (there is nothing left to do); other refusals leave the form open to correct.
  const run = async (action: ReferralAction, body?: object): Promise<Record<string, string> | null> => {
    const r = await act(item, action, body);
    if (r.ok) dispatch({ type: 'succeeded', action });
    else if (r.ended) dispatch({ type: 'ended' });
    return r.ok ? null : r.problems;
  };
  const age = item.child.ageYears === null ? t('common.unknown') : t('common.years', { n: item.child.ageYears });
  const sex = item.child.sex ? t(`sex.${item.child.sex}`) : t('common.unknown');
  const quick = async (action: 'acknowledge' | 'accept') => {
    setBusy(true);
    await run(action);
    setBusy(false);
  };
  return (
    <li className="card inbox-card">
      <h3>{t('inbox.child', { name: item.child.givenName ?? t('common.unknown'), age, sex })}</h3>
      <p className="badges">
        <ReferralStatusBadge status={status} />
        <Badge tone={item.urgency === 'emergency' ? 'critical' : item.urgency === 'urgent' ? 'bad' : 'neutral'}>
          {t(`urgency.${item.urgency}`)}
        </Badge>
        <RiskBadge level={item.riskLevel} />
        {(item.overdue.acknowledge || item.overdue.complete) && <Badge tone="critical">{t('deadline.overdue')}</Badge>}
      </p>
      <p>
        {t(`category.${item.category}`)} · {areas.nameOf(item.areaCode)} ·{' '}
        {t('inbox.issuedAt', { at: dateTime(item.issuedAt) })}
      </p>
      <p>
        <strong>{t('inbox.reason')}:</strong> {item.reason}
      </p>
      <ul className="deadlines">
        {status === 'issued' && (
          <li className="deadline">
            <span className="deadline__label">{t('deadline.acknowledge')}</span>
            <span className="deadline__due">{t('deadline.due', { at: dateTime(item.acknowledgeBy) })}</span>
            <Countdown dueAt={item.acknowledgeBy} />
          </li>
        )}
        {status !== 'completed' && status !== 'declined' && (
          <li className="deadline">
            <span className="deadline__label">{t('deadline.complete')}</span>
            <span className="deadline__due">{t('deadline.due', { at: dateTime(item.dueAt) })}</span>
            <Countdown dueAt={item.dueAt} />
          </li>
        )}
      </ul>
      <p className="muted">{t('inbox.caseStatus', { status: t(`status.${item.caseStatus}`) })}</p>
      {buttons.length > 0 && (
        <div className="button-row">
          {buttons.includes('acknowledge') && (
            <button type="button" className="button" disabled={busy} onClick={() => void quick('acknowledge')}>
              {t('inbox.acknowledge')}
            </button>
          )}
          {buttons.includes('accept') && (
            <button type="button" className="button" disabled={busy} onClick={() => void quick('accept')}>
              {t('inbox.accept')}
            </button>
          )}
          {buttons.includes('complete') && (
            <button type="button" className="button" onClick={() => dispatch({ type: 'open', form: 'complete' })}>
              {t('inbox.complete')}
            </button>
          )}
          {buttons.includes('decline') && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => dispatch({ type: 'open', form: 'decline' })}
            >
              {t('inbox.decline')}
            </button>
          )}
        </div>
      )}
      {form && (
        <ReasonForm
          item={item}
          action={form}
          onSubmit={(body) => run(form, body)}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      )}
    </li>
  );
}

export function InboxPage() {
  const { t } = useI18n();
  const user = useUser();
  const [status, setStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [flash, setFlash] = useState<Flash>(null);
  const key = `${status}|${overdueOnly}`;
  const fetchPage = useCallback(
    (cursor?: string) => inbox({ status: status || undefined, overdue: overdueOnly ? 'true' : undefined }, cursor),
    [status, overdueOnly],
  );
  const list = usePaged<InboxItem>(key, fetchPage);
  const { reload } = list;

  const act = useCallback(
    async (item: InboxItem, action: ReferralAction, body: object = {}): Promise<ActResult> => {
      setFlash(null);
      try {
        await referralAction(item.referralId, action, item.caseVersion, body);
        setFlash({ kind: 'success', text: t(`inbox.done.${action}`) });
        reload();
        return { ok: true };
      } catch (e) {
        const conflict = e instanceof ApiError && e.code === 'VERSION_CONFLICT';
        const ended = e instanceof ApiError && e.code === 'REFERRAL_FINISHED';
        setFlash({ kind: 'error', text: describeError(t, e), conflict });
        if (ended) reload();
        return { ok: false, ended, problems: conflict || ended ? null : fieldErrors(t, e) };
      }
    },
    [reload, t],
  );

  return (
    <>
      <PageHeading title={t('inbox.title')}>
        <button type="button" className="button button--secondary" onClick={reload} disabled={list.loading}>
          {t('common.refresh')}
        </button>
      </PageHeading>
      <p>{t('inbox.intro', { agency: user.agency ? t(`agency.${user.agency}`) : '' })}</p>
      <div className="filters card" role="search" aria-label={t('cases.filters')}>
        <SelectField
          id="inbox-status"
          label={t('inbox.filter.status')}
          optional
          placeholder={t('common.all')}
          value={status}
          onValue={setStatus}
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referralStatus.${s}`) }))}
        />
        <Checkbox
          id="inbox-overdue"
          label={t('inbox.filter.overdue')}
          checked={overdueOnly}
          onChecked={setOverdueOnly}
        />
      </div>
      {flash && (
        <Notice kind={flash.kind} focus>
          {flash.text}{' '}
          {flash.conflict && (
            <button type="button" className="button button--small" onClick={reload}>
              {t('common.reload')}
            </button>
          )}
        </Notice>
      )}
      {list.error ? <Notice kind="error">{describeError(t, list.error)}</Notice> : null}
      <p role="status" className="results__count">
        {list.loading ? t('app.loading') : t('common.showing', { count: list.items.length })}
      </p>
      {!list.loading && list.items.length === 0 && <p>{t('inbox.empty')}</p>}
      <ul className="card-list">
        {list.items.map((item) => (
          <InboxCard key={item.referralId} item={item} act={act} />
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
