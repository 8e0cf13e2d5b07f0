// Phase 2 (issue 5): the supervisor's dashboard over GET /dashboard/response-times and GET /dashboard/overdue.
import { useState } from 'react';
import { Link } from 'react-router';
import { useAreas } from '../../api/areas';
import {
  type ResponseTimes,
  type Timeliness,
  type TimelinessDimension,
  overdue,
  responseTimes,
} from '../../api/phase2';
import { useUser } from '../../auth/auth';
import { BarChart } from '../../components/bar-chart';
import { SelectField, TextField } from '../../components/fields';
import { PageHeading } from '../../components/page';
import { RemoteStatus, useRemote } from '../../components/remote';
import { CATALOGUES, type MessageKey } from '../../i18n/catalogue';
import type { I18n } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';

const DIMENSIONS: TimelinessDimension[] = ['area', 'category', 'agency', 'month'];

function groupLabel(t: I18n['t'], g: Timeliness, dim: TimelinessDimension): string {
  const raw = dim === 'area' ? (g.areaName ?? g.area) : g[dim];
  const prefix = dim === 'category' ? 'category' : dim === 'agency' ? 'agency' : null;
  const key = prefix ? `${prefix}.${raw}` : '';
  return prefix && key in CATALOGUES.vi ? t(key as MessageKey) : String(raw ?? '—');
}

function Totals({ data }: { data: ResponseTimes }) {
  const { t, number } = useI18n();
  const x = data.totals;
  const tiles: [MessageKey, string][] = [
    ['dashboard.rate', x.ratePercent === null ? '—' : `${number(x.ratePercent)} %`],
    ['dashboard.met', number(x.met, 0)],
    ['dashboard.missed', number(x.missed, 0)],
    ['dashboard.pending', number(x.pending, 0)],
    ['dashboard.excluded', number(x.excluded, 0)],
    ['dashboard.median', number(x.medianHours)],
    ['dashboard.p90', number(x.p90Hours)],
  ];
  return (
    <dl className="tiles">
      {tiles.map(([k, v]) => (
        <div key={k} className="tile">
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function DashboardPage() {
  const { t, dateTime, number } = useI18n();
  const user = useUser();
  const areas = useAreas();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [areaCode, setAreaCode] = useState('');
  const [dim, setDim] = useState<TimelinessDimension>('area');
  const y = /^\d{4}$/.test(year) ? Number(year) : undefined;
  const times = useRemote(`${y}|${areaCode}|${dim}`, () =>
    responseTimes({ year: y, areaCode: areaCode || undefined, groupBy: [dim] }),
  );
  const late = useRemote(`overdue|${areaCode}`, () => overdue({ areaCode: areaCode || undefined, limit: 50 }));
  const scope = areas.scopeOf(user);

  return (
    <>
      <PageHeading title={t('dashboard.title')} />
      <p>{t('dashboard.intro')}</p>
      <div className="filters card">
        <TextField
          id="dash-year"
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
          id="dash-area"
          label={t('dashboard.area')}
          optional
          placeholder={t('common.all')}
          value={areaCode}
          onValue={setAreaCode}
          options={scope.map((a) => ({ value: a.code, label: a.name }))}
        />
        <SelectField
          id="dash-group"
          label={t('dashboard.groupBy')}
          value={dim}
          onValue={(v) => setDim(v as TimelinessDimension)}
          options={DIMENSIONS.map((d) => ({ value: d, label: t(`dashboard.groupBy.${d}`) }))}
        />
      </div>
      <section aria-labelledby="times-title" className="card section-card">
        <h2 id="times-title">{t('dashboard.rate')}</h2>
        <RemoteStatus remote={times} />
        {times.state === 'ready' && (
          <>
            <Totals data={times.data} />
            <BarChart
              title={t('dashboard.chartTitle', { dimension: t(`dashboard.groupBy.${dim}`) })}
              labels={times.data.groups.map((g) => groupLabel(t, g, dim))}
              series={[
                { name: t('dashboard.met'), values: times.data.groups.map((g) => g.met), tone: 'good' },
                { name: t('dashboard.missed'), values: times.data.groups.map((g) => g.missed), tone: 'bad' },
                { name: t('dashboard.pending'), values: times.data.groups.map((g) => g.pending), tone: 'info' },
              ]}
            />
          </>
        )}
      </section>
      <section aria-labelledby="overdue-title" className="card section-card">
        <h2 id="overdue-title">{t('dashboard.overdue')}</h2>
        <p className="muted">{t('dashboard.overdueIntro')}</p>
        <RemoteStatus remote={late} />
        {late.state === 'ready' && (
          <>
            <p>{t('dashboard.total', { n: late.data.total })}</p>
            <div className="table-scroll">
              <table className="data-table">
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
                        <Link to={`/cases/${i.caseId}`}>{t(`category.${i.category}`)}</Link>
                      </td>
                      <td>
                        {t(`dashboard.overdueKind.${i.kind}`)}
                        {i.agency ? ` — ${t(`agency.${i.agency}`)}` : ''}
                      </td>
                      <td>{i.areaName ?? areas.nameOf(i.areaCode)}</td>
                      <td>{dateTime(i.dueAt)}</td>
                      <td>{t('dashboard.hoursOverdue', { hours: number(i.hoursOverdue) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
