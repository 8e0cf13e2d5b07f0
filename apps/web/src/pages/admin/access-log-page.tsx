// The append-only log of reads of personal data (DESIGN.md section 6), GET /admin/access-log: ids only, newest
// first, filtered by user, case and time, a page at a time.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AccessLogQuery, accessLog, adminUsers } from '../../api/admin';
import { ErrorSummary, SelectField, TextField } from '../../components/fields';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { localInputToInstant } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 50;

export default function AccessLogPage() {
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const users = useRemote('log-users', adminUsers);
  const [draft, setDraft] = useState({
    userId: params.get('userId') ?? '',
    caseId: params.get('caseId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const before = params.get('before');
  const q: AccessLogQuery = {
    limit: PAGE,
    ...(params.get('userId') ? { userId: params.get('userId')! } : {}),
    ...(params.get('caseId') ? { caseId: params.get('caseId')! } : {}),
    ...(params.get('from') ? { from: localInputToInstant(params.get('from')!) ?? undefined } : {}),
    ...(params.get('to') ? { to: localInputToInstant(params.get('to')!) ?? undefined } : {}),
    ...(before ? { before: Number(before) } : {}),
  };
  const remote = useRemote(`log|${params.toString()}`, () => accessLog(q));
  const set = (k: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const labels: Record<string, string> = {
    'log-case': t('admin.col.case'),
    'log-from': t('admin.from'),
    'log-to': t('admin.to'),
  };

  function filter(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (draft.caseId.trim() && !UUID.test(draft.caseId.trim()))
      found['log-case'] = `${t('admin.col.case')}: ${t('admin.caseIdRule')}`;
    if (draft.from && !localInputToInstant(draft.from))
      found['log-from'] = `${t('admin.from')}: ${t('validation.dateTime')}`;
    if (draft.to && !localInputToInstant(draft.to)) found['log-to'] = `${t('admin.to')}: ${t('validation.dateTime')}`;
    setErrors(found);
    if (Object.keys(found).length) return;
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  }

  const userName = (id: string) =>
    users.state === 'ready' ? users.data.items.find((u) => u.userId === id)?.username : undefined;
  return (
    <>
      <p>
        <Link to="/administration">{t('common.back')}</Link>
      </p>
      <PageHeading title={t('admin.accessLog')} />
      <p>{t('admin.accessLog.intro')}</p>
      <form className="filters card" onSubmit={filter} noValidate aria-label={t('admin.filters')}>
        <ErrorSummary
          errors={Object.entries(errors).map(([id, message]) => ({ id, message: `${labels[id] ?? id}: ${message}` }))}
        />
        <SelectField
          id="log-user"
          label={t('admin.col.user')}
          optional
          placeholder={t('common.all')}
          value={draft.userId}
          onValue={set('userId')}
          options={users.state === 'ready' ? users.data.items.map((u) => ({ value: u.userId, label: u.username })) : []}
        />
        <TextField
          id="log-case"
          label={t('admin.col.case')}
          optional
          value={draft.caseId}
          onValue={set('caseId')}
          error={errors['log-case']}
        />
        <TextField
          id="log-from"
          label={t('admin.from')}
          optional
          type="datetime-local"
          value={draft.from}
          onValue={set('from')}
          error={errors['log-from']}
        />
        <TextField
          id="log-to"
          label={t('admin.to')}
          optional
          type="datetime-local"
          value={draft.to}
          onValue={set('to')}
          error={errors['log-to']}
        />
        <button type="submit" className="button">
          {t('admin.filter')}
        </button>
      </form>
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && (
        <>
          <p role="status" data-figure="log-count">
            {t('admin.logCount', { n: remote.data.items.length })}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('admin.accessLog')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.col.at')}</th>
                  <th scope="col">{t('admin.col.user')}</th>
                  <th scope="col">{t('admin.col.role')}</th>
                  <th scope="col">{t('admin.col.case')}</th>
                  <th scope="col">{t('admin.col.action')}</th>
                </tr>
              </thead>
              <tbody>
                {remote.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{dateTime(e.at)}</td>
                    <td>{e.username ?? userName(e.userId) ?? e.userId}</td>
                    <td>{vocab(t, 'role', e.role)}</td>
                    <td className="mono">{e.caseId ?? '—'}</td>
                    <td className="mono">
                      {e.method} {e.endpoint}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {remote.data.nextBefore !== null && (
            <p>
              <Link
                to={`?${new URLSearchParams({ ...Object.fromEntries(params), before: String(remote.data.nextBefore) }).toString()}`}
              >
                {t('admin.older')}
              </Link>
            </p>
          )}
        </>
      )}
    </>
  );
}
