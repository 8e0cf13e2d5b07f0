// The plan's indicators over GET /indicators, and the table as a CSV file from GET /indicators/export.
import { useState } from 'react';
import { Link } from 'react-router';
import { useAreas } from '../../api/areas';
import { getToken } from '../../auth/session';
import { API_BASE } from '../../api/http';
import { type IndicatorFigure, indicators, indicatorsExportPath } from '../../api/indicators';
import { Notice } from '../../components/notice';
import { vocab } from '../../i18n/vocab';
import { targetText } from './target-text';
import { useUser } from '../../auth/auth';
import { Badge } from '../../components/badges';
import { SelectField, TextField } from '../../components/fields';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { useI18n } from '../../i18n/i18n';

export function FigureCell({ figure }: { figure?: IndicatorFigure | undefined }) {
  const { t, number } = useI18n();
  if (!figure || figure.value === null) return <span className="muted">{t('indicators.noData')}</span>;
  return (
    <>
      {number(figure.value, 2)} {vocab(t, 'unit', figure.unit)}{' '}
      {figure.targetMet !== null && (
        <Badge tone={figure.targetMet ? 'good' : 'bad'}>
          {figure.targetMet ? t('indicators.targetMet') : t('indicators.targetNotMet')}
        </Badge>
      )}
    </>
  );
}

/** The CSV needs the token: fetched with it, then handed to the browser as a file. */
async function download(path: string, name: string): Promise<boolean> {
  const res = await fetch(`${API_BASE}${path}`, { headers: { Authorization: `Bearer ${getToken() ?? ''}` } });
  if (!res.ok) return false;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

export default function IndicatorsPage() {
  const { t, lang, number } = useI18n();
  const [exportFailed, setExportFailed] = useState(false);
  const user = useUser();
  const areas = useAreas();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [areaCode, setAreaCode] = useState('');
  const y = /^\d{4}$/.test(year) ? Number(year) : undefined;
  const remote = useRemote(`${y}|${areaCode}`, () => indicators({ year: y, areaCode: areaCode || undefined }));
  const query = `?${new URLSearchParams({ ...(y ? { year: String(y) } : {}), ...(areaCode ? { areaCode } : {}) })}`;

  return (
    <>
      <PageHeading title={t('indicators.title')}>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            void download(
              indicatorsExportPath({ year: y, areaCode: areaCode || undefined, format: 'csv' }),
              `sen-indicators-${y ?? ''}.csv`,
            ).then(
              (ok) => setExportFailed(!ok),
              () => setExportFailed(true),
            )
          }
        >
          {t('indicators.export')}
        </button>
      </PageHeading>
      <p>{t('indicators.intro')}</p>
      {exportFailed && <Notice kind="error">{t('indicators.exportFailed')}</Notice>}
      <div className="filters card">
        <TextField
          id="ind-year"
          label={t('dashboard.year')}
          type="number"
          inputMode="numeric"
          min={2021}
          max={2030}
          value={year}
          onValue={setYear}
          className="field--short"
        />
        <SelectField
          id="ind-area"
          label={t('dashboard.area')}
          optional
          placeholder={t('common.all')}
          value={areaCode}
          onValue={setAreaCode}
          options={areas.scopeOf(user).map((a) => ({ value: a.code, label: a.name }))}
        />
      </div>
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('indicators.title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('indicators.title')}</th>
                <th scope="col">{t('indicators.lead')}</th>
                <th scope="col">{t('indicators.target2025')}</th>
                <th scope="col">{t('indicators.target2030')}</th>
                <th scope="col">{t('indicators.value')}</th>
              </tr>
            </thead>
            <tbody>
              {remote.data.indicators.flatMap((i) =>
                i.targets.map((target, k) => (
                  <tr key={`${i.number}-${target.key}`}>
                    {k === 0 && (
                      <th scope="row" rowSpan={i.targets.length}>
                        <Link to={`/indicators/${i.number}${query}`}>{i.number}</Link>
                      </th>
                    )}
                    <td>
                      {k === 0 && <strong>{lang === 'vi' ? i.nameVi : i.nameEn}</strong>}
                      {i.targets.length > 1 && <div>{lang === 'vi' ? target.labelVi : target.labelEn}</div>}
                      <div className="muted">{i.computed ? t('indicators.computed') : t('indicators.entered')}</div>
                    </td>
                    <td>{lang === 'vi' ? (i.leadAgencyVi ?? i.leadAgency) : i.leadAgency}</td>
                    <td>{targetText(number, target.target2025, target.target2025Max)}</td>
                    <td>{targetText(number, target.target2030, target.target2030Max)}</td>
                    <td>
                      <FigureCell figure={target.figure} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
