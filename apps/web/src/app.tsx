import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AreasProvider } from './api/areas';
import { homeOf, useAuth } from './auth/auth';
import { Layout } from './components/layout';
import { PageHeading } from './components/page';
import type { UserRole } from './domain/vocabulary';
import { useI18n } from './i18n/i18n';
import { AdministrationPage } from './pages/admin/administration-page';
import { CasePage } from './pages/case/case-page';
import { CaseListPage } from './pages/case-list/case-list-page';
import { FormPage } from './pages/forms/form-page';
import { InboxPage } from './pages/inbox/inbox-page';
import { OpenCasePage } from './pages/open-case/open-case-page';
import { SignInPage } from './pages/sign-in-page';

function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Signed in with one of these roles, or sent to sign in (and back here afterwards). */
function RequireRole({ roles, children }: { roles: UserRole[]; children: ReactNode }) {
  const { status, user } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (status === 'loading') return <Loading />;
  if (!user)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(user.role)) {
    return (
      <>
        <PageHeading title={t('app.forbidden.title')} />
        <p>{t('app.forbidden.text', { role: t(`role.${user.role}`) })}</p>
      </>
    );
  }
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { status, user } = useAuth();
  if (status === 'loading') return <Loading />;
  return <Navigate to={user ? homeOf(user.role) : '/sign-in'} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('app.notFound.title')} />
      <p>{t('app.notFound.text')}</p>
      <p>
        <a href="/">{t('app.notFound.home')}</a>
      </p>
    </>
  );
}

const WORKERS: UserRole[] = ['social_worker', 'supervisor'];

/** Every page behind sign-in, with the roles that may open it (the API checks the same roles). */
const PAGES: { path: string; roles: UserRole[]; page: ReactNode }[] = [
  { path: '/cases', roles: WORKERS, page: <CaseListPage /> },
  { path: '/cases/new', roles: ['social_worker'], page: <OpenCasePage /> },
  { path: '/cases/:caseId', roles: WORKERS, page: <CasePage /> },
  { path: '/cases/:caseId/forms/:form', roles: WORKERS, page: <FormPage /> },
  { path: '/inbox', roles: ['agency_officer'], page: <InboxPage /> },
  { path: '/administration', roles: ['admin'], page: <AdministrationPage /> },
];

export function App() {
  const { status } = useAuth();
  return (
    <AreasProvider enabled={status === 'signedIn'}>
      <Layout>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/sign-in" element={<SignInPage />} />
          {PAGES.map(({ path, roles, page }) => (
            <Route key={path} path={path} element={<RequireRole roles={roles}>{page}</RequireRole>} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </AreasProvider>
  );
}
