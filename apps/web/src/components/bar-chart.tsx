import { useId } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Series {
  name: string;
  values: number[];
  /** A CSS class giving the fill (colours with enough contrast against white and each other). */
  tone: 'good' | 'bad' | 'info' | 'neutral';
}

/**
 * Horizontal stacked bars in plain SVG (no chart library: a few hundred bytes instead of a hundred kilobytes).
 * The same figures follow in a table, which is what screen readers read; the SVG itself is one labelled image.
 */
export function BarChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const { number } = useI18n();
  const id = useId();
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const rowH = 28;
  const labelW = 180;
  const width = 640;
  const barW = width - labelW - 60;
  const height = labels.length * rowH + 30;
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="chart__svg"
        preserveAspectRatio="xMinYMin meet"
      >
        {labels.map((label, i) => {
          let x = labelW;
          const y = i * rowH + 4;
          return (
            <g key={label + i}>
              <text x={labelW - 8} y={y + rowH / 2} textAnchor="end" dominantBaseline="middle" className="chart__label">
                {label.length > 26 ? `${label.slice(0, 25)}…` : label}
              </text>
              {series.map((s) => {
                const w = ((s.values[i] ?? 0) / max) * barW;
                const rect = (
                  <rect
                    key={s.name}
                    x={x}
                    y={y + 4}
                    width={w}
                    height={rowH - 8}
                    className={`chart__bar chart__bar--${s.tone}`}
                  />
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + rowH / 2} dominantBaseline="middle" className="chart__value">
                {number(totals[i] ?? 0, 0)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${labelW}, ${labels.length * rowH + 12})`}>
          {series.map((s, i) => (
            <g key={s.name} transform={`translate(${i * 150}, 0)`}>
              <rect width="12" height="12" y="-6" className={`chart__bar chart__bar--${s.tone}`} />
              <text x="18" dominantBaseline="middle" className="chart__legend">
                {s.name}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label + i}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.name}>{number(s.values[i] ?? 0, 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
