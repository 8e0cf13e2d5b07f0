// One indicator over GET /indicators/:number: 9, 12 and 13 computed from cases (12 with its breakdowns by area,
// category and responding agency), the others with the figures their lead agency entered.
import { Link, useParams, useSearchParams } from 'react-router';
import type { Timeliness } from '../../api/dashboard';
import { type IndicatorDetail, indicator } from '../../api/indicators';
import { FigureChart } from '../../components/figure-chart';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';
import { FigureCell } from './indicators-page';
import { IndicatorSummary } from './indicator-summary';
import { targetText } from './target-text';

function Breakdown({
  dimension,
  rows,
  label,
}: {
  dimension: string;
  rows: Timeliness[];
  label: (r: Timeliness) => string;
}) {
  const { t, number } = useI18n();
  const title = t('dashboard.chartTitle', { dimension });
  return (
    <FigureChart
      title={title}
      data={rows.map((r) => ({ label: label(r), met: r.met, missed: r.missed, pending: r.pending }))}
      series={[
        { key: 'met', name: t('dashboard.met'), tone: 'good', stack: 'a' },
        { key: 'missed', name: t('dashboard.missed'), tone: 'bad', stack: 'a' },
        { key: 'pending', name: t('dashboard.pending'), tone: 'info', stack: 'a' },
      ]}
      formatValue={(v) => number(v, 0)}
      table={{
        columns: [
          dimension,
          t('dashboard.met'),
          t('dashboard.missed'),
          t('dashboard.pending'),
          t('dashboard.rate'),
          t('dashboard.median'),
        ],
        rows: rows.map((r) => [
          label(r),
          number(r.met, 0),
          number(r.missed, 0),
          number(r.pending, 0),
          r.ratePercent === null ? '—' : `${number(r.ratePercent)} %`,
          number(r.medianHours),
        ]),
      }}
    />
  );
}

function Computed({ d }: { d: IndicatorDetail }) {
  const { t, number } = useI18n();
  const r = d.result;
  if (!r) return null;
  const facts: [string, string][] =
    r.number === 9
      ? [
          [t('indicators.9.children'), number(r.children, 0)],
          [t('indicators.9.cases'), number(r.cases, 0)],
          [t('indicators.9.population'), number(r.population, 0)],
          [t('indicators.9.per100000'), number(r.per100000, 2)],
        ]
      : r.number === 12
        ? [
            [t('dashboard.met'), number(r.met, 0)],
            [t('dashboard.missed'), number(r.missed, 0)],
            [t('dashboard.pending'), number(r.pending, 0)],
            [t('dashboard.median'), number(r.medianHours)],
            [t('dashboard.p90'), number(r.p90Hours)],
          ]
        : [
            [t('indicators.13.occurred', { year: r.year }), number(r.occurred, 0)],
            [t('indicators.13.occurred', { year: r.previousYear.year }), number(r.previousYear.occurred, 0)],
            [t('indicators.13.prevented', { year: r.year }), number(r.prevented, 0)],
          ];
  return (
    <>
      <IndicatorSummary detail={d} heading={false} />
      <dl className="tiles">
        {facts.map(([k, v]) => (
          <div key={k} className="tile">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {r.number === 12 && <Breakdowns r={r} />}
    </>
  );
}

function Breakdowns({ r }: { r: Extract<IndicatorDetail['result'], { number: 12 }> }) {
  const { t } = useI18n();
  return (
    <div className="chart-grid">
      <Breakdown dimension={t('dashboard.groupBy.area')} rows={r.byArea} label={(x) => x.areaName ?? x.area ?? '—'} />
      <Breakdown
        dimension={t('dashboard.groupBy.category')}
        rows={r.byCategory}
        label={(x) => vocab(t, 'category', x.category)}
      />
      <Breakdown
        dimension={t('dashboard.groupBy.agency')}
        rows={r.byAgency}
        label={(x) => vocab(t, 'agency', x.agency)}
      />
    </div>
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
  const title =
    remote.state === 'ready'
      ? `${t('indicators.number', { n })}: ${lang === 'vi' ? remote.data.nameVi : remote.data.nameEn}`
      : t('indicators.number', { n });
  const back = `/indicators${params.toString() ? `?${params.toString()}` : ''}`;
  return (
    <>
      <p className="no-print">
        <Link to={back}>{t('common.back')}</Link>
      </p>
      <PageHeading title={title} />
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && (
        <p className="muted">
          {t('indicators.scope', { year: remote.data.year, area: remote.data.areaName ?? remote.data.areaCode })} ·{' '}
          {t('indicators.lead')}:{' '}
          {lang === 'vi'
            ? (remote.data.leadAgencyVi ?? remote.data.leadAgency)
            : vocab(t, 'agency', remote.data.leadAgency)}
        </p>
      )}
      {remote.state === 'ready' && remote.data.result && <Computed d={remote.data} />}
      {remote.state === 'ready' && remote.data.figures && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicators.subTarget')}</th>
                <th scope="col">{t('indicators.target2025')}</th>
                <th scope="col">{t('indicators.target2030')}</th>
                <th scope="col">{t('indicators.value')}</th>
              </tr>
            </thead>
            <tbody>
              {remote.data.figures.map((f) => {
                const target = remote.data.targets.find((x) => x.key === f.targetKey);
                return (
                  <tr key={f.targetKey}>
                    <th scope="row">{target ? (lang === 'vi' ? target.labelVi : target.labelEn) : f.targetKey}</th>
                    <td>{targetText(fmt, target?.target2025, target?.target2025Max)}</td>
                    <td>{targetText(fmt, target?.target2030, target?.target2030Max)}</td>
                    <td>
                      <FigureCell figure={f} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
