import { Link } from 'react-router';
import { Badge } from '../../components/badges';
import type { MessageKey } from '../../i18n/catalogue';
import { CATALOGUES } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';
import type { RowOutcome } from './children-rows';

/** At most this many rows are listed (all refused rows first); the counts cover every row. */
const SHOWN = 500;

/** What became of each row: a case opened (with a link), refused by the API with its reason, or not sent. */
export function RegistrationResults({
  outcomes,
  lineLabel,
  names,
}: {
  outcomes: RowOutcome[];
  lineLabel: string;
  /** The child's name on each line, so that the results can be read without the file. */
  names?: Map<number, string>;
}) {
  const { t, number } = useI18n();
  const count = (s: RowOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const created = count('created') + count('replayed');
  const refused = count('refused');
  const invalid = count('invalid');
  const failed = count('failed');
  const bad = outcomes.filter((o) => o.status !== 'created' && o.status !== 'replayed');
  const shown = [...bad, ...outcomes.filter((o) => o.status === 'created' || o.status === 'replayed')].slice(0, SHOWN);
  shown.sort((a, b) => a.line - b.line);

  const reason = (o: RowOutcome): string => {
    if (o.status === 'invalid')
      return o.problems
        .map((p) => `${t(`incidents.col.${p.field}` as MessageKey)}: ${t(p.problem.key, p.problem.params)}`)
        .join(' ');
    if (o.status === 'refused') {
      const key = `error.code.${o.code}`;
      const known = o.code !== 'VALIDATION_FAILED' && key in CATALOGUES.vi ? t(key as MessageKey) : null;
      return known ?? t('validation.server', { problem: o.message });
    }
    if (o.status === 'failed') return t('incidents.results.failed');
    return '';
  };

  return (
    <section aria-labelledby="results-title" className="card section-card" id="registration-results">
      <h2 id="results-title">{t('incidents.results.title')}</h2>
      <p role="status" data-figure="results-summary">
        {t('incidents.results.summary', { created, refused, invalid, failed })}
      </p>
      {outcomes.length > shown.length && (
        <p className="muted">{t('incidents.results.shown', { n: number(shown.length, 0) })}</p>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('incidents.results.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{lineLabel}</th>
              <th scope="col">{t('incidents.results.name')}</th>
              <th scope="col">{t('incidents.results.status')}</th>
              <th scope="col">{t('incidents.results.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.line} data-status={o.status}>
                <th scope="row">{o.line}</th>
                <td>{names?.get(o.line) ?? ''}</td>
                <td>
                  <Badge tone={o.status === 'created' || o.status === 'replayed' ? 'good' : 'bad'}>
                    {t(`incidents.results.${o.status}` as MessageKey)}
                  </Badge>
                </td>
                <td>
                  {(o.status === 'created' || o.status === 'replayed') && o.caseId ? (
                    <Link to={`/cases/${o.caseId}`}>{t('incidents.results.openCase', { line: o.line })}</Link>
                  ) : (
                    reason(o)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
