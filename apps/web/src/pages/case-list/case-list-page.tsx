import { useCallback, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAreas } from '../../api/areas';
import { describeError } from '../../api/errors';
import { type CaseFilters, listCases } from '../../api/sen';
import type { CaseListItem } from '../../api/types';
import { useUser } from '../../auth/auth';
import { Badge, RiskBadge, StatusBadge } from '../../components/badges';
import { Countdown } from '../../components/deadline';
import { Checkbox, SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { PageHeading } from '../../components/page';
import { CASE_STATUSES, CATEGORIES, RISK_LEVELS } from '../../domain/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { usePaged } from '../../hooks-paged';

const FILTER_KEYS = ['status', 'category', 'risk', 'areaCode', 'overdue', 'q', 'assignee'] as const;

function filtersOf(params: URLSearchParams): CaseFilters {
  const f: CaseFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

function CaseCard({ item }: { item: CaseListItem }) {
  const { t, dateTime } = useI18n();
  const areas = useAreas();
  return (
    <li className="card case-card">
      <h3 className="case-card__title">
        <Link to={`/cases/${item.caseId}`}>{item.childName}</Link>
      </h3>
      <p className="case-card__meta">
        {t(`category.${item.category}`)} · {areas.nameOf(item.areaCode)}
        {item.ageYears !== null && <> · {t('common.years', { n: item.ageYears })}</>}
      </p>
      <p className="badges">
        <StatusBadge status={item.status} />
        <RiskBadge level={item.riskLevel} />
        {item.overdue && <Badge tone="critical">{t('cases.overdue')}</Badge>}
        {item.escalated && <Badge tone="bad">{t('cases.escalated')}</Badge>}
        {item.openReferrals > 0 && <Badge tone="info">{t('cases.openReferrals', { n: item.openReferrals })}</Badge>}
      </p>
      <p className="case-card__dates">
        <span>{t('cases.reportedAt', { at: dateTime(item.reportedAt) })}</span>
        {item.nextDueAt && item.status !== 'closed' && (
          <span>
            {t('cases.nextDue')}: {dateTime(item.nextDueAt)} (<Countdown dueAt={item.nextDueAt} />)
          </span>
        )}
      </p>
    </li>
  );
}

export function CaseListPage() {
  const { t } = useI18n();
  const user = useUser();
  const areas = useAreas();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const key = JSON.stringify(filters);
  const [draft, setDraft] = useState<CaseFilters>(filters);
  const fetchPage = useCallback((cursor?: string) => listCases(JSON.parse(key) as CaseFilters, cursor), [key]);
  const list = usePaged<CaseListItem>(key, fetchPage);
  const error = list.error ? describeError(t, list.error) : null;

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = draft[k];
      if (v) next.set(k, v);
    }
    setParams(next);
  }

  function clear() {
    setDraft({});
    setParams(new URLSearchParams());
  }

  const set = (k: keyof CaseFilters) => (v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));
  const title = user.role === 'social_worker' ? t('cases.titleMine') : t('cases.title');
  const scope = areas.scopeOf(user);

  return (
    <>
      <PageHeading title={title}>
        {user.role === 'social_worker' && (
          <Link className="button" to="/cases/new">
            {t('cases.new')}
          </Link>
        )}
      </PageHeading>
      <p>{t('cases.intro')}</p>
      <form className="filters card" onSubmit={apply} role="search" aria-label={t('cases.filters')}>
        <TextField
          id="q"
          label={t('cases.filter.q')}
          hint={t('cases.filter.qHint')}
          optional
          type="search"
          value={draft.q ?? ''}
          onValue={set('q')}
          maxLength={100}
          className="filters__search"
        />
        <SelectField
          id="status"
          label={t('cases.filter.status')}
          optional
          placeholder={t('common.all')}
          value={draft.status ?? ''}
          onValue={set('status')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <SelectField
          id="category"
          label={t('cases.filter.category')}
          optional
          placeholder={t('common.all')}
          value={draft.category ?? ''}
          onValue={set('category')}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <SelectField
          id="risk"
          label={t('cases.filter.risk')}
          optional
          placeholder={t('common.all')}
          value={draft.risk ?? ''}
          onValue={set('risk')}
          options={RISK_LEVELS.map((r) => ({ value: r, label: t(`risk.${r}`) }))}
        />
        <SelectField
          id="areaCode"
          label={t('cases.filter.area')}
          optional
          placeholder={t('common.all')}
          value={draft.areaCode ?? ''}
          onValue={set('areaCode')}
          options={scope.map((a) => ({ value: a.code, label: a.name }))}
        />
        <SelectField
          id="overdue"
          label={t('cases.filter.overdue')}
          optional
          placeholder={t('common.any')}
          value={draft.overdue ?? ''}
          onValue={set('overdue')}
          options={[
            { value: 'true', label: t('cases.filter.overdue.true') },
            { value: 'false', label: t('cases.filter.overdue.false') },
          ]}
        />
        <Checkbox
          id="assignee"
          label={t('cases.filter.mine')}
          checked={draft.assignee === 'me'}
          onChecked={(v) => set('assignee')(v ? 'me' : '')}
        />
        <div className="filters__buttons">
          <button type="submit" className="button">
            {t('common.apply')}
          </button>
          <button type="button" className="button button--secondary" onClick={clear}>
            {t('common.clear')}
          </button>
        </div>
      </form>

      <section aria-labelledby="results-title" className="results">
        <h2 id="results-title">{t('cases.results')}</h2>
        <p role="status" className="results__count">
          {list.loading ? t('app.loading') : t('common.showing', { count: list.items.length })}
        </p>
        {error && (
          <Notice kind="error">
            {error}{' '}
            <button type="button" className="button button--secondary button--small" onClick={list.reload}>
              {t('common.retry')}
            </button>
          </Notice>
        )}
        {!list.loading && !error && list.items.length === 0 && <p>{t('cases.empty')}</p>}
        <ul className="card-list">
          {list.items.map((item) => (
            <CaseCard key={item.caseId} item={item} />
          ))}
        </ul>
        {list.hasMore && (
          <button
            type="button"
            className="button button--secondary"
            disabled={list.loadingMore}
            onClick={list.loadMore}
          >
            {t('common.loadMore')}
          </button>
        )}
      </section>
    </>
  );
}
