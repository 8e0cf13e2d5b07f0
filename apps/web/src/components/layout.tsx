import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useAuth } from '../auth/auth';
import type { UserRole } from '../domain/vocabulary';
import { LANGUAGES, type MessageKey } from '../i18n/catalogue';
import { useI18n } from '../i18n/i18n';

const NAV: Record<UserRole, { to: string; label: MessageKey; end?: boolean }[]> = {
  social_worker: [
    { to: '/cases', label: 'nav.myCases', end: true },
    { to: '/cases/new', label: 'nav.openCase' },
    { to: '/incidents', label: 'nav.incidents' },
    { to: '/tracing', label: 'nav.tracing' },
  ],
  supervisor: [
    { to: '/cases', label: 'nav.cases', end: true },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/indicators', label: 'nav.indicators' },
    { to: '/incidents', label: 'nav.incidents' },
    { to: '/tracing', label: 'nav.tracing' },
  ],
  agency_officer: [{ to: '/inbox', label: 'nav.inbox' }],
  analyst: [{ to: '/indicators', label: 'nav.indicators' }],
  admin: [{ to: '/administration', label: 'nav.administration' }],
};

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * The frame of every page: a skip link, the header with the navigation of the user's role, and the main region.
 * On each route change the focus moves to the new page's h1 (or the main region), as a page load would.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus({ preventScroll: false });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header no-print">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <LanguageSwitch />
          {user && (
            <div className="user-box">
              <span className="user-box__name">
                {t('app.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}
              </span>
              <button type="button" className="button button--secondary button--small" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </div>
          )}
        </div>
        {user && (
          <nav aria-label={t('app.mainNav')} className="main-nav">
            <ul>
              {NAV[user.role].map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? false}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
