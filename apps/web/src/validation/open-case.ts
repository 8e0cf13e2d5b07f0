// Form 01 checked as the API checks it (OpenCaseDto and the decider), so that the social worker sees every
// problem by its field before sending; the API's own 400 and 422 answers are mapped onto the same fields.
import type { OpenCaseBody } from '../api/types';
import {
  CATEGORIES,
  CHILD_AGE_LIMIT_YEARS,
  SEXES,
  SOURCES,
  ageInYears,
  type Category,
  type ReportSource,
  type Sex,
} from '../domain/vocabulary';
import { localInputToInstant } from '../i18n/format';
import { PHONE, type Problems, instantProblem, localDateProblem, notInFuture, textProblem } from './rules';

export interface OpenCaseDraft {
  fullName: string;
  sex: string;
  ageKind: 'dob' | 'age';
  dateOfBirth: string;
  ageYears: string;
  ethnicity: string;
  disability: string;
  category: string;
  summary: string;
  areaCode: string;
  /** A datetime-local value in Vietnam time. */
  reportedAt: string;
  source: string;
  reporterName: string;
  reporterPhone: string;
  reporterRelation: string;
}

/** The form's field ids are the API's field paths, so that a 400's `details[].field` names a field of the form. */
export const OPEN_CASE_FIELDS = {
  fullName: 'child.fullName',
  sex: 'child.sex',
  ageKind: 'child.ageKind',
  dateOfBirth: 'child.dateOfBirth',
  ageYears: 'child.ageYears',
  ethnicity: 'child.ethnicity',
  disability: 'child.disability',
  category: 'category',
  summary: 'summary',
  areaCode: 'location.areaCode',
  reportedAt: 'reportedAt',
  source: 'source',
  reporterName: 'reporter.name',
  reporterPhone: 'reporter.phone',
  reporterRelation: 'reporter.relation',
} as const satisfies Record<keyof OpenCaseDraft, string>;

const F = OPEN_CASE_FIELDS;

export function validateOpenCase(d: OpenCaseDraft, now: Date): { problems: Problems; body: OpenCaseBody | null } {
  const problems: Problems = {};
  const put = (field: string, p: ReturnType<typeof textProblem>) => {
    if (p && !problems[field]) problems[field] = p;
  };

  put(F.fullName, textProblem(d.fullName, 200));
  if (!(SEXES as readonly string[]).includes(d.sex)) put(F.sex, { key: 'validation.choose' });
  put(F.ethnicity, textProblem(d.ethnicity, 100, false));
  put(F.disability, textProblem(d.disability, 200, false));
  if (!(CATEGORIES as readonly string[]).includes(d.category)) put(F.category, { key: 'validation.choose' });
  put(F.summary, textProblem(d.summary, 5000));
  if (!/^[A-Za-z0-9-]{1,20}$/.test(d.areaCode)) put(F.areaCode, { key: 'validation.choose' });
  if (!(SOURCES as readonly string[]).includes(d.source)) put(F.source, { key: 'validation.choose' });

  const reportedAt = localInputToInstant(d.reportedAt);
  put(F.reportedAt, d.reportedAt === '' ? { key: 'validation.required' } : instantProblem(reportedAt));
  if (reportedAt && !problems[F.reportedAt]) put(F.reportedAt, notInFuture(reportedAt, now));
  // The age is judged at the report (the decider's rule); without a valid report time, at the current time.
  const at = reportedAt && !problems[F.reportedAt] ? reportedAt : now.toISOString();

  let age: number | undefined;
  if (d.ageKind === 'dob') {
    if (d.dateOfBirth === '') put(F.dateOfBirth, { key: 'validation.ageOrBirth' });
    else put(F.dateOfBirth, localDateProblem(d.dateOfBirth));
    if (!problems[F.dateOfBirth]) {
      age = ageInYears(d.dateOfBirth, at, 7 * 60);
      if (age < 0 || age >= CHILD_AGE_LIMIT_YEARS) put(F.dateOfBirth, { key: 'validation.notAChild', params: { age } });
    }
  } else {
    if (d.ageYears.trim() === '') put(F.ageYears, { key: 'validation.ageOrBirth' });
    else if (!/^\d{1,2}$/.test(d.ageYears.trim())) put(F.ageYears, { key: 'validation.age' });
    else {
      age = Number(d.ageYears.trim());
      if (age >= CHILD_AGE_LIMIT_YEARS) put(F.ageYears, { key: 'validation.notAChild', params: { age } });
    }
  }

  const reporterGiven = [d.reporterName, d.reporterPhone, d.reporterRelation].some((v) => v.trim() !== '');
  if (reporterGiven) {
    put(F.reporterName, textProblem(d.reporterName, 200));
    if (d.reporterPhone.trim() === '') put(F.reporterPhone, { key: 'validation.required' });
    else if (!PHONE.test(d.reporterPhone.trim())) put(F.reporterPhone, { key: 'validation.phone' });
    put(F.reporterRelation, textProblem(d.reporterRelation, 100));
    for (const f of [F.reporterName, F.reporterPhone, F.reporterRelation]) {
      if (problems[f]?.key === 'validation.required') problems[f] = { key: 'validation.reporterIncomplete' };
    }
  }

  if (Object.keys(problems).length > 0 || !reportedAt) return { problems, body: null };
  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const body: OpenCaseBody = {
    child: {
      fullName: d.fullName.trim(),
      sex: d.sex as Sex,
      ...(d.ageKind === 'dob' ? { dateOfBirth: d.dateOfBirth } : { ageYears: Number(d.ageYears.trim()) }),
      ...(opt(d.ethnicity) ? { ethnicity: opt(d.ethnicity) } : {}),
      ...(opt(d.disability) ? { disability: opt(d.disability) } : {}),
    },
    category: d.category as Category,
    summary: d.summary.trim(),
    location: { areaCode: d.areaCode },
    reportedAt,
    source: d.source as ReportSource,
    ...(reporterGiven
      ? {
          reporter: { name: d.reporterName.trim(), phone: d.reporterPhone.trim(), relation: d.reporterRelation.trim() },
        }
      : {}),
  };
  return { problems, body };
}
