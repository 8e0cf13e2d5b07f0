import { Link } from 'react-router';
import type { IndicatorDetail, IndicatorTarget } from '../../api/indicators';
import { Badge } from '../../components/badges';
import { FigureChart } from '../../components/figure-chart';
import { useI18n } from '../../i18n/i18n';
import { vocab } from '../../i18n/vocab';
import { targetText } from './target-text';

/** A figure with its unit: "4,2 %", "35 trên 100.000 trẻ em". */
export function useFigureText(): (value: number | null | undefined, unit: string) => string {
  const { t, number } = useI18n();
  return (value, unit) =>
    value === null || value === undefined ? '—' : `${number(value, 2)} ${vocab(t, 'unit', unit)}`;
}

/** A computed indicator (9, 12, 13) this year against its 2025 and 2030 targets: the figure, a chart, a table. */
export function IndicatorSummary({
  detail,
  link,
  heading = true,
}: {
  detail: IndicatorDetail;
  link?: string;
  /** Off where the page's own title already names the indicator. */
  heading?: boolean;
}) {
  const { t, lang, number } = useI18n();
  const figure = useFigureText();
  const r = detail.result;
  const target: IndicatorTarget | undefined = detail.targets[0];
  const name = lang === 'vi' ? detail.nameVi : detail.nameEn;
  const title = `${t('indicators.number', { n: detail.number })}: ${name}`;
  const unit = r?.unit ?? target?.unit ?? '';
  // One line for both milestones when the plan keeps the same target (12: 100 % in 2025 and 2030).
  const same = target?.target2025 != null && target.target2025 === target.target2030;
  const lines = [
    target?.target2025 != null
      ? {
          value: target.target2025,
          label: same ? '2025, 2030' : '2025',
          tone: same ? ('good' as const) : ('warn' as const),
        }
      : null,
    target?.target2030 != null && !same ? { value: target.target2030, label: '2030', tone: 'good' as const } : null,
  ].filter((l): l is NonNullable<typeof l> => l !== null);
  return (
    <article className="indicator-summary" aria-labelledby={`ind-${detail.number}`} data-indicator={detail.number}>
      {heading ? (
        <h3 id={`ind-${detail.number}`}>{link ? <Link to={link}>{title}</Link> : title}</h3>
      ) : (
        <span id={`ind-${detail.number}`} className="visually-hidden">
          {title}
        </span>
      )}
      <p className="big-figure" data-figure="value">
        {r && r.value !== null ? figure(r.value, unit) : t('indicators.noData')}{' '}
        {r && r.targetMet !== null && (
          <Badge tone={r.targetMet ? 'good' : 'bad'}>
            {r.targetMet ? t('indicators.targetMet') : t('indicators.targetNotMet')}
          </Badge>
        )}
      </p>
      {r?.noData && <p className="muted">{t('indicators.noDataWhy')}</p>}
      <FigureChart
        title={t('indicators.againstTargets', { year: detail.year })}
        data={r && r.value !== null ? [{ label: String(detail.year), value: r.value }] : []}
        series={[{ key: 'value', name: t('indicators.value'), tone: 'info' }]}
        lines={lines}
        formatValue={(v) => number(v, 2)}
        table={{
          columns: [t('indicators.figure'), `${t('indicators.value')} (${vocab(t, 'unit', unit)})`],
          rows: [
            [String(detail.year), r && r.value !== null ? number(r.value, 2) : t('indicators.noData')],
            [t('indicators.target2025'), targetText(number, target?.target2025, target?.target2025Max)],
            [t('indicators.target2030'), targetText(number, target?.target2030, target?.target2030Max)],
            [t('indicators.direction'), vocab(t, 'direction', target?.direction)],
          ],
        }}
      />
    </article>
  );
}
