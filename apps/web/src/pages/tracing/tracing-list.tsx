// The family tracing requests the worker may read (GET /tracing-requests), newest first, filtered by disaster and
// status; each opens the request with its proposed matches.
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAreas } from '../../api/areas';
import { describeError } from '../../api/errors';
import { type TracingListItem, type TracingListQuery, listIncidents, listTracingRequests } from '../../api/incidents';
import { Badge } from '../../components/badges';
import { SelectField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { useRemote } from '../../components/remote';
import { usePaged } from '../../hooks-paged';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';

const STATUSES = ['open', 'matched', 'reunited'] as const;

export function TracingList() {
  const { t, date } = useI18n();
  const areas = useAreas();
  const [params, setParams] = useSearchParams();
  const incidents = useRemote('tracing-list-incidents', listIncidents);
  const status = params.get('status') ?? '';
  const incidentId = params.get('incident') ?? '';
  const query: TracingListQuery = {
    ...(incidentId ? { incidentId } : {}),
    ...(STATUSES.includes(status as (typeof STATUSES)[number]) ? { status: status as TracingListQuery['status'] } : {}),
  };
  const key = JSON.stringify(query);
  const fetchPage = useCallback(
    (cursor?: string) => listTracingRequests(JSON.parse(key) as TracingListQuery, cursor),
    [key],
  );
  const list = usePaged<TracingListItem>(key, fetchPage);
  const error = list.error ? describeError(t, list.error) : null;
  const filter = (name: 'status' | 'incident') => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <section className="card section-card" aria-labelledby="tracing-list-title">
      <h2 id="tracing-list-title">{t('tracing.list')}</h2>
      <div className="filters" role="search" aria-label={t('tracing.list.filters')}>
        <SelectField
          id="tl-status"
          label={t('tracing.list.status')}
          optional
          placeholder={t('common.all')}
          value={status}
          onValue={filter('status')}
          options={STATUSES.map((s) => ({ value: s, label: vocab(t, 'tracing.status', s) }))}
        />
        <SelectField
          id="tl-incident"
          label={t('tracing.list.incident')}
          optional
          placeholder={t('common.all')}
          value={incidentId}
          onValue={filter('incident')}
          options={
            incidents.state === 'ready' ? incidents.data.items.map((i) => ({ value: i.incidentId, label: i.name })) : []
          }
        />
      </div>
      <div aria-live="polite" aria-busy={list.loading}>
        {error && (
          <Notice kind="error">
            {error}{' '}
            <button type="button" className="button button--secondary" onClick={list.reload}>
              {t('common.retry')}
            </button>
          </Notice>
        )}
        {!list.loading && !error && list.items.length === 0 && <p>{t('tracing.list.empty')}</p>}
        {list.items.length > 0 && (
          <ul className="card-list" aria-label={t('tracing.list')}>
            {list.items.map((r) => (
              <li key={r.requestId} className="card">
                <h3>
                  <Link to={`/tracing?request=${r.requestId}`}>
                    {t('tracing.request', { name: r.sought.fullName })}
                  </Link>
                </h3>
                <p>
                  <Badge tone={r.status === 'open' ? 'info' : 'good'}>{vocab(t, 'tracing.status', r.status)}</Badge>
                </p>
                <p>
                  {t('tracing.summary', {
                    requester: r.requester.name,
                    relation: r.requester.relation,
                    area: areas.nameOf(r.sought.lastSeenAreaCode),
                  })}
                </p>
                <p className="muted">{t('tracing.list.created', { at: date(r.createdAt) })}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
      {list.hasMore && (
        <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
