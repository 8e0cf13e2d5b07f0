import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Notice } from '../../components/notice';
import { useI18n } from '../../i18n/i18n';
import { useAreas } from '../../api/areas';
import { useUser } from '../../auth/auth';
import {
  type CsvRead,
  type ReadRow,
  type RowOutcome,
  TEMPLATE_CSV,
  readChildrenCsv,
  resolveCommunes,
  toIncidentChild,
} from './children-rows';
import { communeMatcher } from './commune-match';
import { decodeCsvBytes, type CsvEncoding } from './csv-decode';

/** Rows shown in the preview before sending. */
const PREVIEW = 20;

/** The largest file read (about 20,000 rows); a bigger one is refused before it is read. */
const MAX_BYTES = 5 * 1024 * 1024;

/** Children from a CSV file, read in the browser (nothing is sent until the user confirms). */
export function ChildrenUpload({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (rows: ReadRow[]) => Promise<RowOutcome[]>;
}) {
  const { t } = useI18n();
  const areas = useAreas();
  const user = useUser();
  const [read, setRead] = useState<
    (Omit<CsvRead, 'rows'> & { rows: ReadRow[]; name: string; encoding: CsvEncoding }) | null
  >(null);
  const templateHref = useMemo(() => `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE_CSV)}`, []);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setRead(null);
    setError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(t('incidents.csv.tooBig', { mb: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    const { text, encoding } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    const result = readChildrenCsv(text);
    if (result.problem) {
      setError(t(result.problem.key, result.problem.params));
      return;
    }
    const today = new Date().toISOString().slice(0, 10);
    const scope = new Set(areas.communesOf(user).map((a) => a.code));
    const match = communeMatcher(areas.all, today, scope);
    setRead({ ...result, rows: resolveCommunes(result.rows, match), name: file.name, encoding });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!read) {
      setError(t('incidents.csv.choose'));
      return;
    }
    await onSubmit(read.rows);
    // The file is sent once: its results are listed by line; a corrected file holds only the rows to send again.
    setRead(null);
    if (input.current) input.current.value = '';
  }

  // Checked once a file (thousands of rows), not on every render.
  const invalid = useMemo(
    () => (read ? read.rows.filter((r) => toIncidentChild(r).problems.length > 0).length : 0),
    [read],
  );
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="csv-title">
      <h3 id="csv-title">{t('incidents.csv.title')}</h3>
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor="children-csv">{t('incidents.csv.file')}</label>
        <p id="children-csv-hint" className="hint">
          {t('incidents.csv.hint')}{' '}
          <a href={templateHref} download="mau-danh-sach-tre.csv">
            {t('incidents.csv.template')}
          </a>
        </p>
        {error && (
          <p id="children-csv-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <input
          id="children-csv"
          ref={input}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`children-csv-hint${error ? ' children-csv-error' : ''}`}
        />
      </div>
      {read && (
        <Notice kind={invalid > 0 ? 'warning' : 'info'}>
          {t('incidents.csv.read', { n: read.rows.length, invalid })}
          {read.unknownHeaders.length > 0 && (
            <> {t('incidents.csv.ignored', { headers: read.unknownHeaders.join(', ') })}</>
          )}{' '}
          {t('incidents.csv.encoding', { encoding: read.encoding })}
        </Notice>
      )}
      {read && (
        <div className="table-scroll">
          <table className="data-table" data-figure="csv-preview">
            <caption>{t('incidents.csv.preview', { n: PREVIEW })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incidents.results.line')}</th>
                <th scope="col">{t('incidents.col.fullName')}</th>
                <th scope="col">{t('incidents.col.ageYears')}</th>
                <th scope="col">{t('incidents.col.dateOfBirth')}</th>
                <th scope="col">{t('incidents.csv.previewCommune')}</th>
                <th scope="col">{t('incidents.results.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {read.rows.slice(0, PREVIEW).map((r) => {
                const { child, problems } = toIncidentChild(r);
                return (
                  <tr key={r.line} data-status={child ? 'ok' : 'invalid'}>
                    <th scope="row">{r.line}</th>
                    <td>{r.fullName}</td>
                    <td>{child?.ageYears ?? r.ageYears}</td>
                    <td>{child?.dateOfBirth ?? r.dateOfBirth}</td>
                    <td>
                      {r.areaName ? `${r.areaName} (${r.areaCode})` : r.areaCode}
                      {r.formerName && <> — {t('incidents.csv.formerName', { name: r.formerName })}</>}
                    </td>
                    <td>
                      {problems
                        .map((p) => `${t(`incidents.col.${p.field}`)}: ${t(p.problem.key, p.problem.params)}`)
                        .join(' ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <button type="submit" className="button" disabled={busy || !read}>
        {read ? t('incidents.csv.submit', { n: read.rows.length - invalid }) : t('incidents.csv.submitNone')}
      </button>
    </form>
  );
}
