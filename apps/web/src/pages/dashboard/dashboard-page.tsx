// The supervisor's dashboard: timeliness of first responses (GET /dashboard/response-times) by area and by month
// against the 100 % target, the hours to the first response, what is late now (GET /dashboard/overdue), and
// indicators 9, 12 and 13 against their 2025 and 2030 targets (GET /indicators/:number).
import { Link, useSearchParams } from 'react-router';
import { useAreas } from '../../api/areas';
import { type ResponseTimes, type Timeliness, overdue, responseTimes } from '../../api/dashboard';
import { indicator } from '../../api/indicators';
import { useUser } from '../../auth/auth';
import { FigureChart } from '../../components/figure-chart';
import { SelectField, TextField } from '../../components/fields';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import type { MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';
import { CATEGORIES } from '../../domain/vocabulary';
import { IndicatorSummary } from '../indicators/indicator-summary';

/** Indicator 12's target: every child in its categories gets a timely first response. */
const TARGET_PERCENT = 100;

function Totals({ data }: { data: ResponseTimes }) {
  const { t, number } = useI18n();
  const x = data.totals;
  const tiles: [string, MessageKey, string][] = [
    ['rate', 'dashboard.rate', x.ratePercent === null ? '—' : `${number(x.ratePercent)} %`],
    ['met', 'dashboard.met', number(x.met, 0)],
    ['missed', 'dashboard.missed', number(x.missed, 0)],
    ['pending', 'dashboard.pending', number(x.pending, 0)],
    ['excluded', 'dashboard.excluded', number(x.excluded, 0)],
    ['median', 'dashboard.median', number(x.medianHours)],
    ['p90', 'dashboard.p90', number(x.p90Hours)],
  ];
  return (
    <dl className="tiles" aria-label={t('dashboard.totals')}>
      {tiles.map(([id, k, v]) => (
        <div key={k} className="tile" data-figure={id}>
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Timely rate by area or month against the 100 % target, with met / late / not yet due beside it. */
function RateChart({
  dimension,
  groups,
  label,
}: {
  dimension: string;
  groups: Timeliness[];
  label: (g: Timeliness) => string;
}) {
  const { t, number } = useI18n();
  const title = t('dashboard.rateBy', { dimension });
  return (
    <FigureChart
      title={title}
      data={groups.map((g) => ({ label: label(g), rate: g.ratePercent }))}
      series={[{ key: 'rate', name: t('dashboard.rate'), tone: 'info' }]}
      lines={[{ value: TARGET_PERCENT, label: t('dashboard.target', { value: TARGET_PERCENT }), tone: 'good' }]}
      domainMax={TARGET_PERCENT}
      formatValue={(v) => `${number(v)} %`}
      table={{
        columns: [
          dimension,
          t('dashboard.rate'),
          t('dashboard.met'),
          t('dashboard.missed'),
          t('dashboard.pending'),
          t('dashboard.excluded'),
        ],
        rows: groups.map((g) => [
          label(g),
          g.ratePercent === null ? '—' : `${number(g.ratePercent)} %`,
          number(g.met, 0),
          number(g.missed, 0),
          number(g.pending, 0),
          number(g.excluded, 0),
        ]),
      }}
    />
  );
}

function HoursChart({
  title,
  groups,
  label,
}: {
  title: string;
  groups: Timeliness[];
  label: (g: Timeliness) => string;
}) {
  const { t, number } = useI18n();
  return (
    <FigureChart
      title={title}
      data={groups.map((g) => ({ label: label(g), median: g.medianHours, p90: g.p90Hours }))}
      series={[
        { key: 'median', name: t('dashboard.median'), tone: 'info' },
        { key: 'p90', name: t('dashboard.p90'), tone: 'warn' },
      ]}
      lines={[{ value: 12, label: t('dashboard.deadline12h'), tone: 'bad' }]}
      formatValue={(v) => number(v)}
      table={{
        columns: [t('dashboard.groupBy.area'), t('dashboard.median'), t('dashboard.p90'), t('dashboard.responded')],
        rows: groups.map((g) => [label(g), number(g.medianHours), number(g.p90Hours), number(g.met + g.missed, 0)]),
      }}
    />
  );
}

/** How many cases got their first response within each band of hours, the 12-hour deadline among the edges. */
function HoursHistogram({ data }: { data: ResponseTimes }) {
  const { t, number } = useI18n();
  const edges = data.hoursBucketEdges;
  const bands = data.totals.hoursHistogram.map((count, i) => {
    const lo = i === 0 ? 0 : edges[i - 1]!;
    const hi = edges[i];
    const label =
      hi === undefined
        ? t('dashboard.band.over', { from: number(lo, 0) })
        : i === 0
          ? t('dashboard.band.under', { to: number(hi, 0) })
          : t('dashboard.band.between', { from: number(lo, 0), to: number(hi, 0) });
    return { label, count, late: hi === undefined || hi > 12 };
  });
  return (
    <FigureChart
      title={t('dashboard.histogram')}
      data={bands.map((b) => ({ label: b.label, timely: b.late ? null : b.count, late: b.late ? b.count : null }))}
      series={[
        { key: 'timely', name: t('dashboard.withinDeadline'), tone: 'good', stack: 'cases' },
        { key: 'late', name: t('dashboard.afterDeadline'), tone: 'bad', stack: 'cases' },
      ]}
      formatValue={(v) => number(v, 0)}
      table={{
        columns: [t('dashboard.hoursBand'), t('dashboard.cases')],
        rows: bands.map((b) => [b.label, number(b.count, 0)]),
      }}
    />
  );
}

function monthLabel(lang: string, month: string | undefined): string {
  if (!month) return '—';
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export default function DashboardPage() {
  const { t, lang, dateTime, number } = useI18n();
  const user = useUser();
  const areas = useAreas();
  // The filters live in the address, so that a reload or a shared link shows the same figures.
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ?? String(new Date().getFullYear());
  const areaCode = params.get('areaCode') ?? '';
  const category = params.get('category') ?? '';
  const setFilter = (name: string) => (value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const setYear = setFilter('year');
  const setAreaCode = setFilter('areaCode');
  const setCategory = setFilter('category');
  const yearOk = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const y = yearOk ? Number(year) : undefined;
  const filter = { year: y, areaCode: areaCode || undefined, category: category || undefined };
  const key = `${y}|${areaCode}|${category}`;
  const byArea = useRemote(`area|${key}`, () => responseTimes({ ...filter, groupBy: ['area'] }));
  const byMonth = useRemote(`month|${key}`, () => responseTimes({ ...filter, groupBy: ['month'] }));
  const late = useRemote(`overdue|${areaCode}`, () => overdue({ areaCode: areaCode || undefined, limit: 50 }));
  const ind = useRemote(`ind|${y}|${areaCode}`, () =>
    Promise.all([9, 12, 13].map((n) => indicator(n, { year: y, areaCode: areaCode || undefined }))),
  );
  const scope = areas.scopeOf(user);
  const areaLabel = (g: Timeliness) => g.areaName ?? (g.area ? areas.nameOf(g.area) : '—');
  const query = `?${new URLSearchParams({ ...(y ? { year: String(y) } : {}), ...(areaCode ? { areaCode } : {}) })}`;

  return (
    <>
      <PageHeading title={t('dashboard.title')} />
      <p>{t('dashboard.intro')}</p>
      <form className="filters card" onSubmit={(e) => e.preventDefault()} aria-label={t('dashboard.filters')}>
        <TextField
          id="dash-year"
          label={t('dashboard.year')}
          type="number"
          inputMode="numeric"
          min={2000}
          max={2100}
          value={year}
          onValue={setYear}
          className="field--short"
          error={yearOk ? undefined : t('validation.yearRange')}
        />
        <SelectField
          id="dash-area"
          label={t('dashboard.area')}
          optional
          placeholder={t('common.all')}
          value={areaCode}
          onValue={setAreaCode}
          options={scope.map((a) => ({ value: a.code, label: a.name }))}
        />
        <SelectField
          id="dash-category"
          label={t('case.category')}
          optional
          placeholder={t('common.all')}
          value={category}
          onValue={setCategory}
          options={CATEGORIES.map((c) => ({ value: c, label: vocab(t, 'category', c) }))}
        />
      </form>

      <section aria-labelledby="times-title" className="card section-card" id="timeliness">
        <h2 id="times-title">{t('dashboard.timeliness')}</h2>
        <RemoteStatus remote={byArea} />
        {byArea.state === 'ready' && (
          <>
            <Totals data={byArea.data} />
            <div className="chart-grid">
              <RateChart dimension={t('dashboard.groupBy.area')} groups={byArea.data.groups} label={areaLabel} />
              {byMonth.state === 'ready' && (
                <RateChart
                  dimension={t('dashboard.groupBy.month')}
                  groups={byMonth.data.groups}
                  label={(g) => monthLabel(lang, g.month)}
                />
              )}
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="hours-title" className="card section-card" id="hours">
        <h2 id="hours-title">{t('dashboard.hours')}</h2>
        <p className="muted">{t('dashboard.hoursIntro')}</p>
        {byArea.state === 'ready' && <HoursHistogram data={byArea.data} />}
        {byArea.state === 'ready' && (
          <HoursChart
            title={t('dashboard.hoursBy', { dimension: t('dashboard.groupBy.area') })}
            groups={byArea.data.groups}
            label={areaLabel}
          />
        )}
      </section>

      <section aria-labelledby="overdue-title" className="card section-card" id="overdue">
        <h2 id="overdue-title">{t('dashboard.overdue')}</h2>
        <p className="muted">{t('dashboard.overdueIntro')}</p>
        <RemoteStatus remote={late} />
        {late.state === 'ready' && (
          <>
            <p data-figure="overdue-total">{t('dashboard.total', { n: late.data.total })}</p>
            {late.data.items.length > 0 && (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">{t('dashboard.overdue')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('case.category')}</th>
                      <th scope="col">{t('case.deadlines')}</th>
                      <th scope="col">{t('case.area')}</th>
                      <th scope="col">{t('field.dueAt')}</th>
                      <th scope="col">{t('deadline.overdue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {late.data.items.map((i) => (
                      <tr key={`${i.caseId}-${i.kind}-${i.referralId ?? ''}`}>
                        <td>
                          <Link to={`/cases/${i.caseId}`}>{vocab(t, 'category', i.category)}</Link>
                        </td>
                        <td>
                          {vocab(t, 'dashboard.overdueKind', i.kind)}
                          {i.agency ? ` — ${vocab(t, 'agency', i.agency)}` : ''}
                        </td>
                        <td>{i.areaName ?? areas.nameOf(i.areaCode)}</td>
                        <td>{dateTime(i.dueAt)}</td>
                        <td>{t('dashboard.hoursOverdue', { hours: number(i.hoursOverdue) })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="ind-title" className="card section-card" id="indicators">
        <h2 id="ind-title">{t('dashboard.indicators')}</h2>
        <RemoteStatus remote={ind} />
        {ind.state === 'ready' && (
          <div className="chart-grid">
            {ind.data.map((d) => (
              <IndicatorSummary key={d.number} detail={d} link={`/indicators/${d.number}${query}`} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
