// Phase 2 (issue 5): one indicator over GET /indicators/:number; 12 with its breakdowns as charts.
import { Link, useParams, useSearchParams } from 'react-router';
import { type Timeliness, indicator } from '../../api/phase2';
import { BarChart } from '../../components/bar-chart';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { CATALOGUES, type MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';

function Breakdown({ title, rows, label }: { title: string; rows: Timeliness[]; label: (r: Timeliness) => string }) {
  const { t } = useI18n();
  return (
    <BarChart
      title={title}
      labels={rows.map(label)}
      series={[
        { name: t('dashboard.met'), values: rows.map((r) => r.met), tone: 'good' },
        { name: t('dashboard.missed'), values: rows.map((r) => r.missed), tone: 'bad' },
      ]}
    />
  );
}

export default function IndicatorPage() {
  const { number = '' } = useParams();
  const [params] = useSearchParams();
  const { t, lang, number: fmt } = useI18n();
  const n = Number(number);
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const areaCode = params.get('areaCode') ?? undefined;
  const remote = useRemote(`${n}|${year}|${areaCode}`, () => indicator(n, { year, areaCode }));
  const vocab = (prefix: string, v: string | undefined) => {
    const key = `${prefix}.${v}`;
    return key in CATALOGUES.vi ? t(key as MessageKey) : String(v ?? '—');
  };
  const title =
    remote.state === 'ready'
      ? `${t('indicators.number', { n })}: ${lang === 'vi' ? remote.data.nameVi : remote.data.nameEn}`
      : t('indicators.number', { n });
  return (
    <>
      <p className="no-print">
        <Link to="/indicators">{t('common.back')}</Link>
      </p>
      <PageHeading title={title} />
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && remote.data.result && (
        <>
          <p className="big-figure">
            {remote.data.result.value === null
              ? t('indicators.noData')
              : `${fmt(remote.data.result.value, 2)} ${remote.data.result.unit === 'percent' ? '%' : remote.data.result.unit}`}
          </p>
          {remote.data.result.byArea && (
            <Breakdown
              title={t('dashboard.chartTitle', { dimension: t('dashboard.groupBy.area') })}
              rows={remote.data.result.byArea}
              label={(r) => r.areaName ?? r.area ?? '—'}
            />
          )}
          {remote.data.result.byCategory && (
            <Breakdown
              title={t('dashboard.chartTitle', { dimension: t('dashboard.groupBy.category') })}
              rows={remote.data.result.byCategory}
              label={(r) => vocab('category', r.category)}
            />
          )}
          {remote.data.result.byAgency && (
            <Breakdown
              title={t('dashboard.chartTitle', { dimension: t('dashboard.groupBy.agency') })}
              rows={remote.data.result.byAgency}
              label={(r) => vocab('agency', r.agency)}
            />
          )}
        </>
      )}
      {remote.state === 'ready' && remote.data.figures && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('indicators.title')}</th>
              <th scope="col">{t('indicators.value')}</th>
            </tr>
          </thead>
          <tbody>
            {remote.data.figures.map((f) => (
              <tr key={f.targetKey}>
                <th scope="row">{f.targetKey}</th>
                <td>{f.value === null ? t('indicators.noData') : fmt(f.value, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
