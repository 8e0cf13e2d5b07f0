import { useState, type FormEvent } from 'react';
import type { Area } from '../../api/types';
import { ErrorSummary } from '../../components/fields';
import type { MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';
import { type ChildField, type ChildRowInput, type RowOutcome, emptyRow, toIncidentChild } from './children-rows';

const SEXES = ['male', 'female', 'other', 'unknown'] as const;
const FLAGS = ['separated', 'unaccompanied', 'injured'] as const;

/**
 * Children typed into a table, a row each (for a handful; a file for hundreds). Each input is labelled with its
 * column and row; a row's problems are listed under the table and tied to their inputs.
 */
export function ChildrenTable({
  communes,
  busy,
  onSubmit,
}: {
  communes: Area[];
  busy: boolean;
  onSubmit: (rows: (ChildRowInput & { line: number })[]) => Promise<RowOutcome[]>;
}) {
  const { t } = useI18n();
  const fresh = () => ({ ...emptyRow(), areaCode: communes.length === 1 ? communes[0]!.code : '' });
  const [rows, setRows] = useState<ChildRowInput[]>(() => [fresh()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idOf = (i: number, f: ChildField) => `row-${i + 1}-${f}`;
  const col = (f: ChildField) => t(`incidents.col.${f}` as MessageKey);
  const set = (i: number, f: ChildField, v: string) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [f]: v } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    rows.forEach((r, i) => {
      for (const p of toIncidentChild(r).problems) {
        found[idOf(i, p.field)] = t('incidents.rowError', {
          row: i + 1,
          field: col(p.field),
          problem: t(p.problem.key, p.problem.params),
        });
      }
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const outcomes = await onSubmit(rows.map((r, i) => ({ ...r, line: i + 1 })));
    // Rows whose case is open leave the table (sending them again would open a second case); the others stay to
    // be corrected.
    const done = new Set(outcomes.filter((o) => o.status === 'created' || o.status === 'replayed').map((o) => o.line));
    const left = rows.filter((_, i) => !done.has(i + 1));
    setRows(left.length > 0 ? left : [fresh()]);
  }

  const input = (
    i: number,
    f: ChildField,
    props: { type?: string; inputMode?: 'numeric'; className?: string } = {},
  ) => (
    <>
      <label className="visually-hidden" htmlFor={idOf(i, f)}>
        {t('incidents.cellLabel', { field: col(f), row: i + 1 })}
      </label>
      <input
        id={idOf(i, f)}
        value={rows[i]![f]}
        onChange={(e) => set(i, f, e.target.value)}
        aria-invalid={errors[idOf(i, f)] ? true : undefined}
        aria-describedby={errors[idOf(i, f)] ? `${idOf(i, f)}-error` : undefined}
        {...props}
      />
    </>
  );

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="table-title">
      <h3 id="table-title">{t('incidents.table.title')}</h3>
      <p className="hint">{t('incidents.table.hint')}</p>
      <ErrorSummary errors={Object.entries(errors).map(([id, message]) => ({ id, message }))} />
      <div className="table-scroll">
        <table className="data-table children-table">
          <caption className="visually-hidden">{t('incidents.table.title')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{col('fullName')}</th>
              <th scope="col">{col('sex')}</th>
              <th scope="col">{col('ageYears')}</th>
              <th scope="col">{col('areaCode')}</th>
              <th scope="col">{t('incidents.col.flags')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('incidents.table.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td>{input(i, 'fullName')}</td>
                <td>
                  <label className="visually-hidden" htmlFor={idOf(i, 'sex')}>
                    {t('incidents.cellLabel', { field: col('sex'), row: i + 1 })}
                  </label>
                  <select id={idOf(i, 'sex')} value={r.sex} onChange={(e) => set(i, 'sex', e.target.value)}>
                    {SEXES.map((s) => (
                      <option key={s} value={s === 'unknown' ? '' : s}>
                        {t(`sex.${s}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{input(i, 'ageYears', { inputMode: 'numeric', className: 'input--tiny' })}</td>
                <td>
                  <label className="visually-hidden" htmlFor={idOf(i, 'areaCode')}>
                    {t('incidents.cellLabel', { field: col('areaCode'), row: i + 1 })}
                  </label>
                  <select
                    id={idOf(i, 'areaCode')}
                    value={r.areaCode}
                    onChange={(e) => set(i, 'areaCode', e.target.value)}
                    aria-invalid={errors[idOf(i, 'areaCode')] ? true : undefined}
                    aria-describedby={errors[idOf(i, 'areaCode')] ? `${idOf(i, 'areaCode')}-error` : undefined}
                  >
                    <option value="">{t('open.choose')}</option>
                    {communes.map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {FLAGS.map((f) => (
                    <div key={f} className="checkbox">
                      <input
                        id={idOf(i, f)}
                        type="checkbox"
                        checked={r[f] === 'x'}
                        onChange={(e) => set(i, f, e.target.checked ? 'x' : '')}
                      />
                      <label htmlFor={idOf(i, f)}>
                        {col(f)}
                        <span className="visually-hidden">{t('incidents.rowSuffix', { row: i + 1 })}</span>
                      </label>
                    </div>
                  ))}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setRows((rs) => (rs.length > 1 ? rs.filter((_, k) => k !== i) : [fresh()]))}
                  >
                    {t('incidents.table.remove')}
                    <span className="visually-hidden">{t('incidents.rowSuffix', { row: i + 1 })}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {Object.entries(errors).map(([id, message]) => (
        <p key={id} id={`${id}-error`} className="field-error">
          {message}
        </p>
      ))}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => setRows((rs) => [...rs, fresh()])}>
          {t('incidents.table.add')}
        </button>
        <button type="submit" className="button" disabled={busy}>
          {t('incidents.table.submit', { n: rows.length })}
        </button>
      </div>
    </form>
  );
}
