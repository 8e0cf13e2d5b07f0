// Charts drawn by recharts (a maintained chart library), each with its figures in a table below it: the table is
// what screen readers and printouts read, so the drawing itself is one labelled image.
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Fills with at least 3:1 contrast against white (WCAG 1.4.11) and distinct from each other. */
export const TONES = {
  good: '#18733a',
  bad: '#b3261e',
  info: '#1a4fa0',
  neutral: '#6b6b76',
  warn: '#8a5a00',
} as const;

export interface ChartSeries {
  key: string;
  name: string;
  tone: keyof typeof TONES;
  /** Series with the same stack are drawn one after the other in a bar. */
  stack?: string;
}

export interface ChartLine {
  value: number;
  label: string;
  tone: keyof typeof TONES;
}

export interface FigureTable {
  columns: string[];
  /** One row a bar; the first cell names it (a row header). */
  rows: string[][];
}

export function FigureChart({
  title,
  data,
  series,
  lines = [],
  domainMax,
  table,
  formatValue = (v) => String(v),
}: {
  title: string;
  /** One object a bar: `label` and a number (or null) for each series key. */
  data: Record<string, string | number | null>[];
  series: ChartSeries[];
  /** Reference lines: a target (100 %), a 2025 and a 2030 milestone. */
  lines?: ChartLine[];
  domainMax?: number;
  table: FigureTable;
  formatValue?: (v: number) => string;
}) {
  const id = useId();
  const height = Math.max(160, data.length * (series.some((s) => s.stack) ? 34 : 22 * series.length + 14) + 70);
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {data.length > 0 && (
        <div className="chart__plot" role="img" aria-labelledby={`${id}-title`} style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 24, right: 56, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis
                type="number"
                domain={[0, domainMax ?? 'auto']}
                tickFormatter={(v: number) => formatValue(v)}
                allowDecimals={false}
                stroke="#4b4b55"
              />
              <YAxis type="category" dataKey="label" width={110} stroke="#4b4b55" tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))} />
              <Legend />
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  fill={TONES[s.tone]}
                  stackId={s.stack}
                  isAnimationActive={false}
                />
              ))}
              {lines.map((l, i) => (
                <ReferenceLine
                  key={l.label}
                  x={l.value}
                  stroke={TONES[l.tone]}
                  strokeDasharray="6 3"
                  strokeWidth={2}
                  ifOverflow="extendDomain"
                  label={{
                    value: l.label,
                    position: i % 2 === 0 ? 'top' : 'insideTopRight',
                    fill: TONES[l.tone],
                    fontSize: 12,
                  }}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table chart__table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={c + i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={`${r[0]}-${i}`}>
                {r.map((cell, k) =>
                  k === 0 ? (
                    <th key={k} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={k}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
