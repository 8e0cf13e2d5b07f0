import { type OpenCaseDraft, validateOpenCase } from './open-case';

const NOW = new Date('2026-11-20T03:00:00Z'); // 10:00 in Đồng Tháp

function draft(overrides: Partial<OpenCaseDraft> = {}): OpenCaseDraft {
  return {
    fullName: '  Trần Thị Bé Lan ',
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

const keys = (d: OpenCaseDraft) =>
  Object.fromEntries(Object.entries(validateOpenCase(d, NOW).problems).map(([f, p]) => [f, p.key]));

describe('Form 01 validation', () => {
  it('builds the API body from a valid report: trimmed, in Vietnam time, without an empty reporter', () => {
    const { problems, body } = validateOpenCase(draft(), NOW);
    expect(problems).toEqual({});
    expect(body).toEqual({
      child: { fullName: 'Trần Thị Bé Lan', sex: 'female', ageYears: 9 },
      category: 'physical_violence',
      summary: 'Hàng xóm báo cháu bị đánh.',
      location: { areaCode: '29926' },
      reportedAt: '2026-11-20T07:30:00+07:00',
      source: 'hotline_111',
    });
  });

  it('names every missing required field', () => {
    const empty = draft({
      fullName: ' ',
      sex: '',
      ageYears: '',
      category: '',
      summary: '',
      areaCode: '',
      reportedAt: '',
      source: '',
    });
    expect(keys(empty)).toEqual({
      'child.fullName': 'validation.required',
      'child.sex': 'validation.choose',
      'child.ageYears': 'validation.ageOrBirth',
      category: 'validation.choose',
      summary: 'validation.required',
      'location.areaCode': 'validation.choose',
      reportedAt: 'validation.required',
      source: 'validation.choose',
    });
  });

  it('refuses a person of 16 or more (Law on Children 2016, art. 1), by age or by date of birth at the report', () => {
    expect(keys(draft({ ageYears: '16' }))).toEqual({ 'child.ageYears': 'validation.notAChild' });
    expect(keys(draft({ ageYears: '15' }))).toEqual({});
    // Born 21 November 2010: 15 on the day of the report (20 November 2026), 16 the day after.
    expect(keys(draft({ ageKind: 'dob', dateOfBirth: '2010-11-21' }))).toEqual({});
    expect(keys(draft({ ageKind: 'dob', dateOfBirth: '2010-11-20' }))).toEqual({
      'child.dateOfBirth': 'validation.notAChild',
    });
    expect(validateOpenCase(draft({ ageKind: 'dob', dateOfBirth: '2010-11-21' }), NOW).body?.child).toEqual({
      fullName: 'Trần Thị Bé Lan',
      sex: 'female',
      dateOfBirth: '2010-11-21',
    });
  });

  it('refuses impossible dates and ages that are not whole numbers', () => {
    expect(keys(draft({ ageKind: 'dob', dateOfBirth: '2015-02-30' }))).toEqual({
      'child.dateOfBirth': 'validation.date',
    });
    expect(keys(draft({ ageYears: '7.5' }))).toEqual({ 'child.ageYears': 'validation.age' });
    expect(keys(draft({ reportedAt: '2026-02-30T08:00' }))).toEqual({ reportedAt: 'validation.dateTime' });
  });

  it('refuses a report later than now, with the five minutes of clock skew the decider allows', () => {
    expect(keys(draft({ reportedAt: '2026-11-20T10:04' }))).toEqual({});
    expect(keys(draft({ reportedAt: '2026-11-20T10:06' }))).toEqual({ reportedAt: 'validation.future' });
  });

  it('needs all of the reporter or none of it, with a telephone number the API accepts', () => {
    expect(keys(draft({ reporterName: 'Lê Văn Hàng' }))).toEqual({
      'reporter.phone': 'validation.reporterIncomplete',
      'reporter.relation': 'validation.reporterIncomplete',
    });
    expect(
      keys(draft({ reporterName: 'Lê Văn Hàng', reporterPhone: 'gọi tôi', reporterRelation: 'hàng xóm' })),
    ).toEqual({
      'reporter.phone': 'validation.phone',
    });
    expect(
      validateOpenCase(
        draft({ reporterName: 'Lê Văn Hàng', reporterPhone: '0912 345 678', reporterRelation: 'hàng xóm' }),
        NOW,
      ).body?.reporter,
    ).toEqual({
      name: 'Lê Văn Hàng',
      phone: '0912 345 678',
      relation: 'hàng xóm',
    });
  });

  it('keeps to the lengths of the API', () => {
    expect(keys(draft({ fullName: 'a'.repeat(201) }))).toEqual({ 'child.fullName': 'validation.tooLong' });
    expect(keys(draft({ ethnicity: 'x'.repeat(101) }))).toEqual({ 'child.ethnicity': 'validation.tooLong' });
    expect(keys(draft({ summary: 's'.repeat(5001) }))).toEqual({ summary: 'validation.tooLong' });
  });
});
