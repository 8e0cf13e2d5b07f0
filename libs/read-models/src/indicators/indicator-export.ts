import ExcelJS from 'exceljs';
import { toSafeCsv } from '../csv/safe-csv';
import type { IndicatorLine } from './indicator-table';

/** The columns of the indicator table, as exported (CSV, XLSX) and printed (`sen report`). */
export const EXPORT_COLUMNS = [
  'number',
  'goal',
  'target_key',
  'indicator',
  'sub_target',
  'lead_agency',
  'computed',
  'year',
  'area_code',
  'area_name',
  'unit',
  'value',
  'numerator',
  'denominator',
  'target_year',
  'target',
  'target_max',
  'direction',
  'target_met',
  'source',
  'no_data',
  'note',
  'entered_at',
] as const;

type Cell = string | number | boolean | null;

export function exportRow(l: IndicatorLine): Cell[] {
  return [
    l.number,
    l.goal,
    l.targetKey,
    l.nameEn,
    l.labelEn,
    l.leadAgency,
    l.computed,
    l.year,
    l.areaCode,
    l.areaName,
    l.unit,
    l.value,
    l.numerator,
    l.denominator,
    l.target?.year ?? null,
    l.target?.value ?? null,
    l.target?.max ?? null,
    l.target?.direction ?? null,
    l.targetMet,
    l.source,
    l.noData,
    l.note,
    l.enteredAt,
  ];
}

/** RFC 4180 CSV with a header row; empty cells are "no data" (the no_data column says why). No cell reads as a formula. */
export function indicatorsCsv(lines: IndicatorLine[]): string {
  return toSafeCsv([[...EXPORT_COLUMNS], ...lines.map(exportRow)], { record_delimiter: 'windows' });
}

export async function indicatorsXlsx(lines: IndicatorLine[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sen';
  const sheet = book.addWorksheet('indicators');
  sheet.addRow([title]);
  sheet.addRow([...EXPORT_COLUMNS]).font = { bold: true };
  // exceljs writes a JavaScript string as a text cell (a shared string), never as a formula: `=HYPERLINK(…)` in a
  // note stays text (indicator-export.unit.spec.ts). Only a { formula } value would make one.
  for (const l of lines) sheet.addRow(exportRow(l).map((c) => (c === null ? '' : c)));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A plain-text table for the terminal (`sen report`). */
export function indicatorsText(lines: IndicatorLine[]): string {
  const head = ['#', 'sub-target', 'lead', 'value', 'unit', 'target', 'met', 'note'];
  const body = lines.map((l) => [
    String(l.number),
    l.targetKey,
    l.leadAgency,
    l.value === null ? '—' : String(l.value),
    l.unit,
    l.target === null
      ? '—'
      : `${l.target.direction} ${l.target.value}${l.target.max !== null ? `–${l.target.max}` : ''} (${l.target.year})`,
    l.targetMet === null ? '—' : l.targetMet ? 'yes' : 'no',
    l.noData ?? l.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...body.map((r) => r[i]!.length))));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!))).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt)].join('\n');
}
