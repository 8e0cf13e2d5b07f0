import { lazy, Suspense, type ReactNode } from 'react';
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

// Pages that only some roles use load on demand, in their own chunks (the charts library goes with them).
const DashboardPage = lazy(() => import('./pages/dashboard/dashboard-page'));
const IndicatorsPage = lazy(() => import('./pages/indicators/indicators-page'));
const IndicatorPage = lazy(() => import('./pages/indicators/indicator-page'));
const IncidentsPage = lazy(() => import('./pages/incidents/incidents-page'));
const UsersPage = lazy(() => import('./pages/admin/users-page'));
const AccessLogPage = lazy(() => import('./pages/admin/access-log-page'));
const ErasurePage = lazy(() => import('./pages/admin/erasure-page'));
const TracingPage = lazy(() => import('./pages/tracing/tracing-page'));

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

export function App() {
  const { status } = useAuth();
  return (
    <AreasProvider enabled={status === 'signedIn'}>
      <Layout>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            path="/cases"
            element={
              <RequireRole roles={WORKERS}>
                <CaseListPage />
              </RequireRole>
            }
          />
          <Route
            path="/cases/new"
            element={
              <RequireRole roles={['social_worker']}>
                <OpenCasePage />
              </RequireRole>
            }
          />
          <Route
            path="/cases/:caseId"
            element={
              <RequireRole roles={WORKERS}>
                <CasePage />
              </RequireRole>
            }
          />
          <Route
            path="/cases/:caseId/forms/:form"
            element={
              <RequireRole roles={WORKERS}>
                <FormPage />
              </RequireRole>
            }
          />
          <Route
            path="/inbox"
            element={
              <RequireRole roles={['agency_officer']}>
                <InboxPage />
              </RequireRole>
            }
          />
          <Route
            path="/dashboard"
            element={
              <RequireRole roles={['supervisor']}>
                <DashboardPage />
              </RequireRole>
            }
          />
          <Route
            path="/indicators"
            element={
              <RequireRole roles={['supervisor', 'analyst']}>
                <IndicatorsPage />
              </RequireRole>
            }
          />
          <Route
            path="/indicators/:number"
            element={
              <RequireRole roles={['supervisor', 'analyst']}>
                <IndicatorPage />
              </RequireRole>
            }
          />
          <Route
            path="/incidents"
            element={
              <RequireRole roles={WORKERS}>
                <IncidentsPage />
              </RequireRole>
            }
          />
          <Route
            path="/tracing"
            element={
              <RequireRole roles={WORKERS}>
                <TracingPage />
              </RequireRole>
            }
          />
          <Route
            path="/administration"
            element={
              <RequireRole roles={['admin']}>
                <AdministrationPage />
              </RequireRole>
            }
          />
          <Route
            path="/administration/users"
            element={
              <RequireRole roles={['admin']}>
                <UsersPage />
              </RequireRole>
            }
          />
          <Route
            path="/administration/access-log"
            element={
              <RequireRole roles={['admin']}>
                <AccessLogPage />
              </RequireRole>
            }
          />
          <Route
            path="/administration/erasure"
            element={
              <RequireRole roles={['admin']}>
                <ErasurePage />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </AreasProvider>
  );
}
