// The children of an incident as the social worker gives them, from the editable table or from a CSV file read
// in the browser (papaparse), mapped onto the API's flat rows (IncidentChildDto) and sent in batches of 1,000.
import Papa from 'papaparse';
import type { IncidentChild, RowResult } from '../../api/incidents';
import type { Sex } from '../../domain/vocabulary';
import type { Problem } from '../../validation/rules';
import type { CommuneMatch } from './commune-match';

/** One row as typed or read: every cell still text (the table's inputs, a CSV line). */
export interface ChildRowInput {
  fullName: string;
  sex: string;
  ageYears: string;
  dateOfBirth: string;
  areaCode: string;
  injured: string;
  separated: string;
  unaccompanied: string;
  notes: string;
}

export type ChildField = keyof ChildRowInput;
export const CHILD_FIELDS: ChildField[] = [
  'fullName',
  'sex',
  'ageYears',
  'dateOfBirth',
  'areaCode',
  'injured',
  'separated',
  'unaccompanied',
  'notes',
];

export const emptyRow = (): ChildRowInput => ({
  fullName: '',
  sex: '',
  ageYears: '',
  dateOfBirth: '',
  areaCode: '',
  injured: '',
  separated: '',
  unaccompanied: '',
  notes: '',
});

/** A header of the file, lower case, without diacritics, spaces or punctuation ("Họ và tên" → "hovaten"). */
export function headerKey(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// Vietnamese and English headers a spreadsheet might carry, for each field.
const HEADERS: Record<string, ChildField> = {
  fullname: 'fullName',
  name: 'fullName',
  hovaten: 'fullName',
  hoten: 'fullName',
  sex: 'sex',
  gioitinh: 'sex',
  age: 'ageYears',
  ageyears: 'ageYears',
  tuoi: 'ageYears',
  dateofbirth: 'dateOfBirth',
  dob: 'dateOfBirth',
  ngaysinh: 'dateOfBirth',
  areacode: 'areaCode',
  commune: 'areaCode',
  communecode: 'areaCode',
  maxa: 'areaCode',
  xa: 'areaCode',
  xaphuong: 'areaCode',
  tenxa: 'areaCode',
  injured: 'injured',
  bithuong: 'injured',
  separated: 'separated',
  thatlac: 'separated',
  thatlacgiadinh: 'separated',
  unaccompanied: 'unaccompanied',
  khongconguoilon: 'unaccompanied',
  notes: 'notes',
  ghichu: 'notes',
};

const SEX: Record<string, Sex> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
  khac: 'other',
  other: 'other',
  khongro: 'unknown',
  unknown: 'unknown',
};

const YES = new Set(['1', 'x', 'true', 'yes', 'y', 'co', 'c']);
const NO = new Set(['', '0', 'false', 'no', 'n', 'khong', 'k']);

/** The API's rules for an incident row (IncidentChildDto): ages 0–17; the decider's own rules it applies itself. */
const AREA = /^[A-Za-z0-9-]{1,20}$/;

/** A date as written in a Vietnamese spreadsheet (dd/mm/yyyy, also with - or .) or ISO (yyyy-mm-dd), as ISO. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** An age as "7", "7 tuổi" (or "7 tuoi", "7t"), in whole years; null when it is not one. */
export function parseAge(s: string): number | null {
  const m = /^(\d{1,3})\s*(tuổi|tuoi|t|years?|y)?\.?$/iu.exec(s.normalize('NFC').trim());
  return m ? Number(m[1]) : null;
}

export interface FieldProblem {
  field: ChildField;
  problem: Problem;
}

/** A row mapped for the API, or what is wrong with it, field by field (nothing is sent for a row with problems). */
export function toIncidentChild(row: ChildRowInput & { areaProblem?: Problem }): {
  child: IncidentChild | null;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const name = row.fullName.trim();
  if (!name) problems.push({ field: 'fullName', problem: { key: 'validation.required' } });
  else if (name.length > 200)
    problems.push({ field: 'fullName', problem: { key: 'validation.tooLong', params: { max: 200 } } });
  const sex: Sex | undefined = row.sex.trim() === '' ? 'unknown' : SEX[headerKey(row.sex)];
  if (!sex) problems.push({ field: 'sex', problem: { key: 'incidents.row.sex' } });
  const age = row.ageYears.trim();
  const dob = row.dateOfBirth.trim();
  const ageYears = age === '' ? null : parseAge(age);
  const birth = dob === '' ? null : parseDate(dob);
  if (age === '' && dob === '') problems.push({ field: 'ageYears', problem: { key: 'validation.ageOrBirth' } });
  if (age !== '' && (ageYears === null || ageYears > 17))
    problems.push({ field: 'ageYears', problem: { key: 'incidents.row.age' } });
  if (dob !== '' && !birth) problems.push({ field: 'dateOfBirth', problem: { key: 'validation.date' } });
  const area = row.areaCode.trim();
  if (!area) problems.push({ field: 'areaCode', problem: { key: 'validation.required' } });
  else if (row.areaProblem) problems.push({ field: 'areaCode', problem: row.areaProblem });
  else if (!AREA.test(area)) problems.push({ field: 'areaCode', problem: { key: 'error.code.UNKNOWN_AREA' } });
  const flags: Partial<Record<'injured' | 'separated' | 'unaccompanied', boolean>> = {};
  for (const f of ['injured', 'separated', 'unaccompanied'] as const) {
    const v = row[f].trim() === '' ? '' : headerKey(row[f]) || '?';
    if (YES.has(v)) flags[f] = true;
    else if (!NO.has(v)) problems.push({ field: f, problem: { key: 'incidents.row.yesNo' } });
  }
  const notes = row.notes.trim();
  if (notes.length > 2000)
    problems.push({ field: 'notes', problem: { key: 'validation.tooLong', params: { max: 2000 } } });
  if (problems.length > 0 || !sex) return { child: null, problems };
  return {
    child: {
      fullName: name,
      sex,
      ...(ageYears !== null ? { ageYears } : {}),
      ...(birth ? { dateOfBirth: birth } : {}),
      areaCode: area,
      ...flags,
      ...(notes ? { notes } : {}),
    },
    problems: [],
  };
}

export interface CsvRead {
  /** Rows with their line in the file (the header is line 1). */
  rows: (ChildRowInput & { line: number })[];
  /** Headers this page does not know (ignored), to tell the user. */
  unknownHeaders: string[];
  /** The file cannot be used at all: no name or commune column, nothing in it. */
  problem: Problem | null;
}

/** Reads a CSV file's text (comma, semicolon or tab separated, a header row first; a byte-order mark is fine). */
export function readChildrenCsv(text: string): CsvRead {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...lines] = parsed.data;
  if (!header || lines.length === 0) return { rows: [], unknownHeaders: [], problem: { key: 'incidents.csv.empty' } };
  const fields = header.map((h) => HEADERS[headerKey(h)]);
  const unknownHeaders = header.filter((_, i) => fields[i] === undefined && header[i]!.trim() !== '');
  if (!fields.includes('fullName') || !fields.includes('areaCode'))
    return { rows: [], unknownHeaders, problem: { key: 'incidents.csv.headers' } };
  const rows = lines.map((cells, i) => {
    const row: ChildRowInput & { line: number } = { ...emptyRow(), line: i + 2 };
    fields.forEach((f, k) => {
      if (f) row[f] = (cells[k] ?? '').trim();
    });
    return row;
  });
  return { rows, unknownHeaders, problem: null };
}

/** A row read from a file, its commune settled (today's code and name) or the reason it cannot be. */
export type ReadRow = ChildRowInput & { line: number; areaProblem?: Problem; areaName?: string; formerName?: string };

/** The commune column of each row (a name or a code) to today's commune code (see commune-match.ts). */
export function resolveCommunes(
  rows: (ChildRowInput & { line: number })[],
  match: (s: string) => CommuneMatch,
): ReadRow[] {
  return rows.map((row): ReadRow => {
    const input = row.areaCode.trim();
    if (!input) return row;
    const r = match(input);
    if (r.status === 'found')
      return { ...row, areaCode: r.code, areaName: r.name, ...(r.formerName ? { formerName: r.formerName } : {}) };
    if (r.status === 'ambiguous') {
      const candidates = r.candidates
        .map((c) => `${c.name} (${c.code}${c.formerName ? ` ← ${c.formerName}` : ''})`)
        .join('; ');
      return { ...row, areaProblem: { key: 'incidents.row.communeAmbiguous', params: { name: input, candidates } } };
    }
    return { ...row, areaProblem: { key: 'incidents.row.communeUnknown', params: { name: input } } };
  });
}

/** The template offered for download: Vietnamese headers and one example row (UTF-8 with a mark, for Excel). */
export const TEMPLATE_CSV =
  '\ufeffHọ và tên,Giới tính,Tuổi,Ngày sinh,"Xã, phường",Bị thương,Thất lạc gia đình,Không có người lớn,Ghi chú\r\n' +
  'Nguyễn Văn An,nam,7 tuổi,02/04/2019,Xã Tân Hồng,,x,,Ở điểm sơ tán trường tiểu học\r\n';

export function batches<T>(items: T[], size: number): T[][] {
  if (size < 1) throw new RangeError('batch size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A row's outcome for the page: refused here (with its problems), or as the API answered. */
export type RowOutcome =
  | { line: number; status: 'invalid'; problems: FieldProblem[] }
  | { line: number; status: 'created' | 'replayed'; caseId: string | undefined }
  | { line: number; status: 'refused'; code: string; message: string }
  | { line: number; status: 'failed' };

/**
 * The API answers each batch with results indexed within the batch: these go back to the rows' own lines.
 * `sent` are the lines of the rows that were sent, in order; `answers[b]` the results of batch b (or null when the
 * request failed as a whole, in which case its rows are `failed`).
 */
export function outcomesOf(sent: number[], batchSize: number, answers: (RowResult[] | null)[]): RowOutcome[] {
  return sent.map((line, i) => {
    const b = Math.floor(i / batchSize);
    const results = answers[b];
    if (!results) return { line, status: 'failed' };
    const r = results.find((x) => x.index === i - b * batchSize);
    if (!r) return { line, status: 'failed' };
    if (r.status === 'created') return { line, status: r.replayed ? 'replayed' : 'created', caseId: r.caseId };
    return { line, status: 'refused', code: r.code ?? 'REFUSED', message: r.message ?? '' };
  });
}
