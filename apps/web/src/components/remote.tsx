import { useEffect, useState } from 'react';
import { describeError } from '../api/errors';
import { useI18n } from '../i18n/i18n';
import { Notice } from './notice';

export type Remote<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; message: string };

/** Loads `fetcher` whenever `key` changes; a failure is described in the user's language. */
export function useRemote<T>(key: string, fetcher: () => Promise<T>): Remote<T> {
  const { t } = useI18n();
  // The answer is kept with the key it was for: a new key means loading, without a state change in the effect.
  const [answer, setAnswer] = useState<{ key: string; remote: Remote<T> } | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetcher().then(
      (data) => !cancelled && setAnswer({ key, remote: { state: 'ready', data } }),
      (e) =>
        !cancelled &&
        setAnswer({
          key,
          remote: { state: 'error', message: describeError(t, e) },
        }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the fetcher's inputs
  }, [key, t]);
  return answer && answer.key === key ? answer.remote : { state: 'loading' };
}

export function RemoteStatus({ remote }: { remote: Remote<unknown> }) {
  const { t } = useI18n();
  if (remote.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (remote.state === 'error') return <Notice kind="error">{remote.message}</Notice>;
  return null;
}
