import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/http';
import { describeError } from '../api/errors';
import { homeOf, useAuth } from '../auth/auth';
import { ErrorSummary, TextField } from '../components/fields';
import { Notice } from '../components/notice';
import { PageHeading } from '../components/page';
import { useI18n } from '../i18n/i18n';

/** Only a path of this app: never an absolute URL (an open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignInPage() {
  const { t } = useI18n();
  const { user, signIn, expired } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user && !busy) return <Navigate to={safeNext(params.get('next')) ?? homeOf(user.role)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signIn.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const u = await signIn(username.trim(), password);
      navigate(safeNext(params.get('next')) ?? homeOf(u.role), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('signIn.invalid') : describeError(t, err));
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading title={t('signIn.title')} />
      <p>{t('signIn.intro')}</p>
      {expired && <Notice kind="info">{t('app.sessionExpired')}</Notice>}
      {error && <ErrorSummary errors={[{ id: 'username', message: error }]} />}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="username"
          label={t('signIn.username')}
          autoComplete="username"
          value={username}
          onValue={setUsername}
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          id="password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
