// Phase 2 (issue 6): the users of Sen. The endpoint is not in DESIGN.md yet; see api/phase2.ts.
import { Link } from 'react-router';
import { adminUsers } from '../../api/phase2';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { CATALOGUES, type MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';

export default function UsersPage() {
  const { t } = useI18n();
  const remote = useRemote('users', adminUsers);
  const vocab = (prefix: string, v: string | null) =>
    v && `${prefix}.${v}` in CATALOGUES.vi ? t(`${prefix}.${v}` as MessageKey) : (v ?? '—');
  return (
    <>
      <p>
        <Link to="/administration">{t('common.back')}</Link>
      </p>
      <PageHeading title={t('admin.users')} />
      <p>{t('admin.users.intro')}</p>
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.col.username')}</th>
                <th scope="col">{t('admin.col.name')}</th>
                <th scope="col">{t('admin.col.role')}</th>
                <th scope="col">{t('admin.col.agency')}</th>
                <th scope="col">{t('admin.col.areas')}</th>
                <th scope="col">{t('admin.col.active')}</th>
              </tr>
            </thead>
            <tbody>
              {remote.data.items.map((u) => (
                <tr key={u.userId}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{vocab('role', u.role)}</td>
                  <td>{vocab('agency', u.agency)}</td>
                  <td>{u.areaCodes.join(', ')}</td>
                  <td>{u.active ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
