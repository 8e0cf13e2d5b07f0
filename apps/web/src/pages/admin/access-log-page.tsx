// Phase 2 (issue 6): the append-only log of reads of personal data (DESIGN.md section 6). The endpoint is not in
// DESIGN.md yet; see api/phase2.ts.
import { Link } from 'react-router';
import { accessLog } from '../../api/phase2';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { CATALOGUES, type MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';

export default function AccessLogPage() {
  const { t, dateTime } = useI18n();
  const remote = useRemote('access-log', () => accessLog({}));
  const role = (v: string) => (`role.${v}` in CATALOGUES.vi ? t(`role.${v}` as MessageKey) : v);
  return (
    <>
      <p>
        <Link to="/administration">{t('common.back')}</Link>
      </p>
      <PageHeading title={t('admin.accessLog')} />
      <p>{t('admin.accessLog.intro')}</p>
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && (
        <div className="table-scroll">
          <table className="data-table">
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
              {remote.data.items.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>{dateTime(e.at)}</td>
                  <td>{e.username ?? e.userId}</td>
                  <td>{role(e.role)}</td>
                  <td>{e.caseId}</td>
                  <td>{e.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
