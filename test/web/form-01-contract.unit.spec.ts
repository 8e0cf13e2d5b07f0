// The web form 01 checks a report as the API does (issue 11: "the same validation as the API"): every report the
// form accepts passes the API's own DTO (class-validator, as the ValidationPipe runs it) and the decider's age rule,
// and each report the form refuses, the API refuses too.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CHILD_AGE_LIMIT_YEARS, ageInYears } from '@sen/case-domain';
import { OpenCaseDto } from '../../apps/api/src/cases/open-case/open-case.dto';
import type { OpenCaseBody } from '../../apps/web/src/api/types';
import { type OpenCaseDraft, validateOpenCase } from '../../apps/web/src/validation/open-case';

const NOW = new Date('2026-11-20T03:00:00Z');

function draft(overrides: Partial<OpenCaseDraft> = {}): OpenCaseDraft {
  return {
    fullName: 'Trần Thị Bé Lan',
    sex: 'female',
    ageKind: 'age',
    dateOfBirth: '',
    ageYears: '9',
    ethnicity: '',
    disability: '',
    category: 'physical_violence',
    summary: 'Hàng xóm báo cháu bị đánh.',
    areaCode: '29926',
    reportedAt: '2026-11-20T07:30',
    source: 'hotline_111',
    reporterName: '',
    reporterPhone: '',
    reporterRelation: '',
    ...overrides,
  };
}

/** What the API would say about a body: the DTO's problems, then the decider's age rule. */
function apiProblems(body: unknown): string[] {
  const dto = plainToInstance(OpenCaseDto, body);
  const errors = validateSync(dto as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  const flat = (es: typeof errors, parent = ''): string[] =>
    es.flatMap((e) => [
      ...(e.constraints ? [`${parent}${e.property}`] : []),
      ...flat(e.children ?? [], `${parent}${e.property}.`),
    ]);
  const problems = flat(errors);
  const b = body as OpenCaseBody;
  if (problems.length === 0) {
    const age =
      b.child.dateOfBirth !== undefined ? ageInYears(b.child.dateOfBirth, b.reportedAt, 420) : b.child.ageYears!;
    if (!(age >= 0 && age < CHILD_AGE_LIMIT_YEARS)) problems.push('child');
  }
  return problems;
}

/** The body the web form would send if it did not check anything (to ask the API about refused drafts). */
function rawBody(d: OpenCaseDraft): Record<string, unknown> {
  const reporter =
    d.reporterName || d.reporterPhone || d.reporterRelation
      ? { name: d.reporterName, phone: d.reporterPhone, relation: d.reporterRelation }
      : undefined;
  return {
    child: {
      fullName: d.fullName,
      sex: d.sex,
      ...(d.ageKind === 'dob'
        ? { dateOfBirth: d.dateOfBirth }
        : { ageYears: d.ageYears === '' ? undefined : Number(d.ageYears) }),
      ...(d.ethnicity ? { ethnicity: d.ethnicity } : {}),
    },
    category: d.category,
    summary: d.summary,
    location: { areaCode: d.areaCode },
    reportedAt: `${d.reportedAt}:00+07:00`,
    source: d.source,
    ...(reporter ? { reporter } : {}),
  };
}

describe('Form 01 in the web app and POST /cases in the API', () => {
  const accepted: [string, Partial<OpenCaseDraft>][] = [
    ['an age', {}],
    ['a date of birth', { ageKind: 'dob', dateOfBirth: '2012-05-01' }],
    ['age 0 and 15', { ageYears: '0' }],
    ['age 15', { ageYears: '15' }],
    ['a reporter', { reporterName: 'Lê Văn Hàng', reporterPhone: '+84 912-345-678', reporterRelation: 'hàng xóm' }],
    ['an ethnicity', { ethnicity: 'Khmer' }],
  ];
  it.each(accepted)('sends a body the API accepts: %s', (_label, overrides) => {
    const { problems, body } = validateOpenCase(draft(overrides), NOW);
    expect(problems).toEqual({});
    expect(apiProblems(body)).toEqual([]);
  });

  const refused: [string, Partial<OpenCaseDraft>][] = [
    ['no name', { fullName: '' }],
    ['a name too long', { fullName: 'a'.repeat(201) }],
    ['no sex', { sex: '' }],
    ['age 16', { ageYears: '16' }],
    ['16 by date of birth', { ageKind: 'dob', dateOfBirth: '2010-11-20' }],
    ['an impossible date of birth', { ageKind: 'dob', dateOfBirth: '2015-02-30' }],
    ['no category', { category: '' }],
    ['an unknown category', { category: 'bullying' }],
    ['no summary', { summary: '' }],
    ['no commune', { areaCode: '' }],
    ['an unknown source', { source: 'radio' }],
    ['a reporter without a telephone', { reporterName: 'Lê Văn Hàng', reporterRelation: 'hàng xóm' }],
    [
      'a telephone number that is not one',
      { reporterName: 'Lê Văn Hàng', reporterPhone: 'abc', reporterRelation: 'hàng xóm' },
    ],
    ['an impossible report date', { reportedAt: '2026-02-30T08:00' }],
    ['a report before 2000', { reportedAt: '1999-12-31T08:00' }],
  ];
  it.each(refused)('refuses what the API refuses: %s', (_label, overrides) => {
    const d = draft(overrides);
    expect(Object.keys(validateOpenCase(d, NOW).problems).length).toBeGreaterThan(0);
    expect(apiProblems(rawBody(d)).length).toBeGreaterThan(0);
  });
});
