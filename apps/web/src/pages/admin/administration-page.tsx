import { Link } from 'react-router';
import { QUEUE_DASHBOARD_URL } from '../../api/admin';
import { PageHeading } from '../../components/page';
import { useI18n } from '../../i18n/i18n';

/**
 * The admin's start page. The queue dashboard (bull-board) is served by the API at /admin/queues and reached with
 * the HttpOnly cookie that sign-in sets for admins on the /admin path: a plain link, outside this app.
 */
export function AdministrationPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('admin.title')} />
      <p>{t('admin.intro')}</p>
      <ul className="card-list">
        <li className="card">
          <h2>
            <a href={QUEUE_DASHBOARD_URL}>{t('admin.queues')}</a>
          </h2>
          <p className="muted">{t('admin.queuesHint')}</p>
        </li>
        <li className="card">
          <h2>
            <a href="/docs">{t('admin.docs')}</a>
          </h2>
        </li>
        <li className="card">
          <h2>
            <Link to="/administration/users">{t('admin.users')}</Link>
          </h2>
          <p className="muted">{t('admin.users.intro')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/administration/access-log">{t('admin.accessLog')}</Link>
          </h2>
          <p className="muted">{t('admin.accessLog.intro')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/administration/erasure">{t('erasure.title')}</Link>
          </h2>
          <p className="muted">{t('erasure.short')}</p>
        </li>
      </ul>
    </>
  );
}
