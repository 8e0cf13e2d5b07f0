import { INCIDENT_BATCH_MAX } from '../../api/incidents';
import {
  batches,
  emptyRow,
  headerKey,
  outcomesOf,
  parseAge,
  parseDate,
  readChildrenCsv,
  resolveCommunes,
  TEMPLATE_CSV,
  toIncidentChild,
} from './children-rows';

describe('Children of an incident', () => {
  describe('dates and ages as people write them (issue 19, point 7)', () => {
    it('takes dd/mm/yyyy (with /, - or .) and ISO dates, and refuses impossible ones', () => {
      expect(parseDate('02/04/2015')).toBe('2015-04-02');
      expect(parseDate('2/4/2015')).toBe('2015-04-02');
      expect(parseDate('02-04-2015')).toBe('2015-04-02');
      expect(parseDate('02.04.2015')).toBe('2015-04-02');
      expect(parseDate('2015-04-02')).toBe('2015-04-02');
      expect(parseDate('31/02/2015')).toBeNull();
      expect(parseDate('2015-13-01')).toBeNull();
      expect(parseDate('2015/04/02')).toBeNull();
      expect(parseDate('04/2015')).toBeNull();
    });

    it('takes "7" and "7 tuổi" as ages', () => {
      expect(parseAge('7')).toBe(7);
      expect(parseAge('7 tuổi')).toBe(7);
      expect(parseAge('7 tuo\u0302\u0309i')).toBe(7);
      expect(parseAge('12 tuoi')).toBe(12);
      expect(parseAge('7t')).toBe(7);
      expect(parseAge('bảy')).toBeNull();
      expect(parseAge('7.5')).toBeNull();
    });

    it('sends them to the API as numbers and ISO dates', () => {
      const row = { ...emptyRow(), fullName: 'An', areaCode: '29926', ageYears: '7 tuổi', dateOfBirth: '02/04/2019' };
      expect(toIncidentChild(row).child).toMatchObject({ ageYears: 7, dateOfBirth: '2019-04-02' });
      expect(toIncidentChild({ ...row, ageYears: '18 tuổi' }).problems.map((p) => p.field)).toEqual(['ageYears']);
    });
  });

  describe('read from a CSV file', () => {
    it('takes Vietnamese headers, a byte-order mark, quotes and semicolons', () => {
      const text =
        '\ufeffHọ và tên;Giới tính;Tuổi;Mã xã;Thất lạc;Ghi chú\n"Nguyễn Văn An";nam;7;29926;x;"ở nhà văn hóa; khỏe"\n\n';
      const read = readChildrenCsv(text);
      expect(read.problem).toBeNull();
      expect(read.rows).toEqual([
        {
          ...emptyRow(),
          line: 2,
          fullName: 'Nguyễn Văn An',
          sex: 'nam',
          ageYears: '7',
          areaCode: '29926',
          separated: 'x',
          notes: 'ở nhà văn hóa; khỏe',
        },
      ]);
      expect(toIncidentChild(read.rows[0]!)).toEqual({
        child: {
          fullName: 'Nguyễn Văn An',
          sex: 'male',
          ageYears: 7,
          areaCode: '29926',
          separated: true,
          notes: 'ở nhà văn hóa; khỏe',
        },
        problems: [],
      });
    });

    it('takes English headers with commas, and names the headers it ignores', () => {
      const read = readChildrenCsv(
        'fullName,sex,dateOfBirth,areaCode,shoe size\nLe Thi Binh,female,2015-04-02,29938,32\n',
      );
      expect(read.unknownHeaders).toEqual(['shoe size']);
      expect(toIncidentChild(read.rows[0]!).child).toEqual({
        fullName: 'Le Thi Binh',
        sex: 'female',
        dateOfBirth: '2015-04-02',
        areaCode: '29938',
      });
    });

    it('refuses a file with no name or commune column, or with no rows', () => {
      expect(readChildrenCsv('name,age\nAn,7\n').problem).toEqual({ key: 'incidents.csv.headers' });
      expect(readChildrenCsv('fullName,areaCode\n').problem).toEqual({ key: 'incidents.csv.empty' });
      expect(readChildrenCsv('').problem).toEqual({ key: 'incidents.csv.empty' });
    });
  });

  describe('mapped onto the API row', () => {
    it('names every field it cannot send', () => {
      const { child, problems } = toIncidentChild({
        ...emptyRow(),
        sex: '?',
        ageYears: '18',
        dateOfBirth: '2015/04/02',
        areaCode: 'xã 1',
        injured: 'maybe',
      });
      expect(child).toBeNull();
      expect(problems.map((p) => [p.field, p.problem.key])).toEqual([
        ['fullName', 'validation.required'],
        ['sex', 'incidents.row.sex'],
        ['ageYears', 'incidents.row.age'],
        ['dateOfBirth', 'validation.date'],
        ['areaCode', 'error.code.UNKNOWN_AREA'],
        ['injured', 'incidents.row.yesNo'],
      ]);
    });

    it('needs an age or a date of birth; a blank sex is unknown', () => {
      expect(
        toIncidentChild({ ...emptyRow(), fullName: 'An', areaCode: '29926' }).problems.map((p) => p.problem.key),
      ).toEqual(['validation.ageOrBirth']);
      expect(toIncidentChild({ ...emptyRow(), fullName: 'An', ageYears: '0', areaCode: '29926' }).child).toEqual({
        fullName: 'An',
        sex: 'unknown',
        ageYears: 0,
        areaCode: '29926',
      });
    });

    it('leaves the rules it cannot know (is 99999 a commune of yours?) to the API', () => {
      expect(
        toIncidentChild({ ...emptyRow(), fullName: 'An', sex: 'Nữ', ageYears: '5', areaCode: '99999' }).problems,
      ).toEqual([]);
    });
  });

  describe('sent in batches', () => {
    it('cuts 2,500 rows into 1,000, 1,000 and 500, in order', () => {
      const rows = Array.from({ length: 2500 }, (_, i) => i);
      const cut = batches(rows, INCIDENT_BATCH_MAX);
      expect(cut.map((b) => b.length)).toEqual([1000, 1000, 500]);
      expect(cut.flat()).toEqual(rows);
      expect(batches([], 1000)).toEqual([]);
      expect(() => batches([1], 0)).toThrow(RangeError);
    });

    it("puts each batch's answers back on the rows' own lines", () => {
      // Lines 2..6 sent in batches of 2: the second batch failed as a whole.
      const out = outcomesOf([2, 3, 5, 6, 7], 2, [
        [
          { index: 1, status: 'refused', code: 'UNKNOWN_AREA', message: '99999 is not a commune' },
          { index: 0, status: 'created', caseId: 'c1' },
        ],
        null,
        [{ index: 0, status: 'created', caseId: 'c7', replayed: true }],
      ]);
      expect(out).toEqual([
        { line: 2, status: 'created', caseId: 'c1' },
        { line: 3, status: 'refused', code: 'UNKNOWN_AREA', message: '99999 is not a commune' },
        { line: 5, status: 'failed' },
        { line: 6, status: 'failed' },
        { line: 7, status: 'replayed', caseId: 'c7' },
      ]);
    });
  });

  it('compares headers without case, diacritics or spaces', () => {
    expect(headerKey('Họ và Tên')).toBe('hovaten');
    expect(headerKey('Đ')).toBe('d');
  });
});

describe('the template and the commune column', () => {
  it('reads its own template back, the example row valid once its commune is settled', () => {
    const read = readChildrenCsv(TEMPLATE_CSV);
    expect(read.problem).toBeNull();
    expect(read.unknownHeaders).toEqual([]);
    const [row] = resolveCommunes(read.rows, (s) =>
      s === 'Xã Tân Hồng' ? { status: 'found', code: '29926', name: s } : { status: 'unknown' },
    );
    expect(toIncidentChild(row!).child).toMatchObject({ fullName: 'Nguyễn Văn An', areaCode: '29926', ageYears: 7 });
  });

  it('refuses a row whose commune is ambiguous, naming the candidates', () => {
    const [row] = resolveCommunes(
      [{ ...emptyRow(), line: 2, fullName: 'An', ageYears: '7', areaCode: 'Phường 1' }],
      () => ({
        status: 'ambiguous',
        candidates: [
          { code: '29869', name: 'Phường Cao Lãnh', formerName: 'Phường 1, Thành phố Cao Lãnh' },
          { code: '29905', name: 'Phường Sa Đéc' },
        ],
      }),
    );
    const { child, problems } = toIncidentChild(row!);
    expect(child).toBeNull();
    expect(problems).toEqual([
      {
        field: 'areaCode',
        problem: {
          key: 'incidents.row.communeAmbiguous',
          params: {
            name: 'Phường 1',
            candidates: 'Phường Cao Lãnh (29869 ← Phường 1, Thành phố Cao Lãnh); Phường Sa Đéc (29905)',
          },
        },
      },
    ]);
  });
});
