import 'reflect-metadata';
import { OpenCaseDto } from '../cases/open-case/open-case.dto';
import { SupportPlanDto } from '../cases/case-actions/case-actions.dto';
import { CreateUserDto } from '../admin/admin.dto';
import { RegisterChildrenDto } from '../incidents/incidents.dto';
import { checkRequestText } from './text-fields';
import { normaliseText, textProblem } from './text-rules';

const strict = { freeText: false };
const free = { freeText: true };

describe('The text rule', () => {
  it('refuses NUL and the other C0 controls, in names and in free text', () => {
    for (const c of ['\u0000', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f']) {
      expect({ c, problem: textProblem(`A${c}B`, strict) }).toEqual({
        c,
        problem: expect.stringContaining('control character'),
      });
      expect({ c, problem: textProblem(`A${c}B`, free) }).toEqual({
        c,
        problem: expect.stringContaining('control character'),
      });
    }
    expect(textProblem('A\u0000B', strict)).toContain('U+0000');
  });

  it('refuses C1 controls U+0080–U+009F', () => {
    for (const c of ['\u0080', '\u0085', '\u009f']) expect(textProblem(`Lan${c}`, free)).toContain('control character');
    // Just outside the range: a no-break space and a Latin letter are text.
    expect(textProblem('Lan\u00a0Anh', strict)).toBeNull();
    expect(textProblem('Thị Ánh', strict)).toBeNull();
  });

  it('refuses a lone high or low surrogate, anywhere in the string', () => {
    for (const s of ['\ud800', 'a\ud83d', '\udc00b', 'a\ude00b', '\ude00\ud83d'])
      expect(textProblem(s, free)).toContain('surrogate');
  });

  it('accepts a valid surrogate pair (an emoji)', () => {
    expect(textProblem('Bé Na 😀', strict)).toBeNull();
    expect(textProblem('\ud83d\ude00', free)).toBeNull();
  });

  it('accepts tab and line breaks in free text only', () => {
    expect(textProblem('Cháu ở với bà.\nBà bị ốm.\tĐã báo\r\n', free)).toBeNull();
    for (const c of ['\t', '\n', '\r\n']) expect(textProblem(`Nguyễn${c}Lan`, strict)).toContain('only free text');
    expect(textProblem('a\rb', free)).toContain('carriage return');
  });

  it('normalises a decomposed Vietnamese name to NFC', () => {
    const nfd = 'Nguyễn Thị Ánh'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Ánh');
    expect(textProblem(nfd, strict)).toBeNull();
    expect(normaliseText(nfd)).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
    expect(normaliseText(nfd).length).toBe(14);
  });
});

describe('checkRequestText on a request', () => {
  const openCase = () => ({
    child: { fullName: 'Nguyễn Văn An'.normalize('NFD'), sex: 'male', ageYears: 9 },
    category: 'neglect',
    summary: 'Dòng một\nDòng hai',
    location: { areaCode: '29926' },
    reportedAt: '2026-11-20T08:00:00+07:00',
    source: 'walk_in',
  });

  it('normalises names in nested objects to NFC and keeps free text line breaks', () => {
    const { value, problems } = checkRequestText(openCase(), '', OpenCaseDto);
    expect(problems).toEqual([]);
    expect((value as ReturnType<typeof openCase>).child.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect((value as ReturnType<typeof openCase>).summary).toBe('Dòng một\nDòng hai');
  });

  it('names the nested field that holds a bad character, and refuses a line break in a name', () => {
    const body = openCase();
    body.child.fullName = 'An\u0000';
    expect(checkRequestText(body, '', OpenCaseDto).problems.map((p) => p.field)).toEqual(['child.fullName']);
    body.child.fullName = 'An\nBình';
    expect(checkRequestText(body, '', OpenCaseDto).problems.map((p) => p.field)).toEqual(['child.fullName']);
  });

  it('follows @Type into arrays of nested DTOs and @ShapedAs into incident rows', () => {
    const plan = {
      goals: ['ok', 'b\u0085'],
      services: [{ service: 'medical', agency: 'health', dueAt: '2026-12-01T00:00:00Z\u0000' }],
      reviewAt: 'x',
    };
    expect(
      checkRequestText(plan, '', SupportPlanDto)
        .problems.map((p) => p.field)
        .sort(),
    ).toEqual(['goals.1', 'services.0.dueAt']);
    const rows = {
      children: [
        { fullName: 'Lò Văn Lũ', notes: 'ở nhà\nvăn hoá' },
        { fullName: 'Lò\tThị', notes: '\ud800' },
      ],
    };
    expect(
      checkRequestText(rows, '', RegisterChildrenDto)
        .problems.map((p) => p.field)
        .sort(),
    ).toEqual(['children.1.fullName', 'children.1.notes']);
  });

  it('keeps a password byte for byte', () => {
    const password = 'mật khẩu dài'.normalize('NFD');
    const { value } = checkRequestText(
      { username: 'a.b', displayName: 'Bà Ánh'.normalize('NFD'), password, role: 'analyst', areaCodes: ['82'] },
      '',
      CreateUserDto,
    );
    expect((value as { password: string }).password).toBe(password);
    expect((value as { displayName: string }).displayName).toBe('Bà Ánh'.normalize('NFC'));
  });

  it('checks a single named parameter and property names, and stops at a depth no DTO reaches', () => {
    expect(checkRequestText('%\u0000', 'q', undefined).problems).toEqual([
      { field: 'q', problems: [expect.stringContaining('U+0000')] },
    ]);
    expect(checkRequestText({ 'a\u0000': 1 }, '', undefined).problems[0]!.field).toBe('a\\u0000');
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10; i++) deep = { a: [deep] };
    expect(checkRequestText(deep, '', undefined).problems).toHaveLength(1);
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(checkRequestText(deep, '', undefined).problems).toEqual([]);
  });
});
