import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Notice } from '../../components/notice';
import { useI18n } from '../../i18n/i18n';
import { type ChildRowInput, type CsvRead, type RowOutcome, readChildrenCsv, toIncidentChild } from './children-rows';

/** The largest file read (about 20,000 rows); a bigger one is refused before it is read. */
const MAX_BYTES = 5 * 1024 * 1024;

/** Children from a CSV file, read in the browser (nothing is sent until the user confirms). */
export function ChildrenUpload({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (rows: (ChildRowInput & { line: number })[]) => Promise<RowOutcome[]>;
}) {
  const { t } = useI18n();
  const [read, setRead] = useState<(CsvRead & { name: string }) | null>(null);
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
    const result = readChildrenCsv(await file.text());
    if (result.problem) setError(t(result.problem.key, result.problem.params));
    else setRead({ ...result, name: file.name });
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
          {t('incidents.csv.hint')}
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
          )}
        </Notice>
      )}
      <button type="submit" className="button" disabled={busy || !read}>
        {read ? t('incidents.csv.submit', { n: read.rows.length - invalid }) : t('incidents.csv.submitNone')}
      </button>
    </form>
  );
}
