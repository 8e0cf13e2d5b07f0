import type { IncidentChild } from '../../api/phase2';
import { CHILD_AGE_LIMIT_YEARS } from '../../domain/vocabulary';
import type { Problem } from '../../validation/rules';

const SEX: Record<string, IncidentChild['child']['sex']> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nữ: 'female',
  nu: 'female',
  female: 'female',
  f: 'female',
  khác: 'other',
  other: 'other',
};

/** One child a line: `Full name; sex; age; commune code` (a spreadsheet pasted with tabs works too). */
export function parseChildren(
  text: string,
  summary: string,
): { children: IncidentChild[]; problems: { line: number; problem: Problem }[] } {
  const children: IncidentChild[] = [];
  const problems: { line: number; problem: Problem }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [name = '', sex = '', age = '', area = ''] = line.split(/[;\t]/).map((s) => s.trim());
    const sexValue = SEX[sex.toLowerCase()] ?? (sex === '' ? 'unknown' : undefined);
    const ageValue = Number(age);
    if (!name || name.length > 200) problems.push({ line: i + 1, problem: { key: 'validation.required' } });
    else if (!sexValue) problems.push({ line: i + 1, problem: { key: 'validation.choose' } });
    else if (!/^\d{1,2}$/.test(age) || ageValue >= CHILD_AGE_LIMIT_YEARS)
      problems.push({ line: i + 1, problem: { key: 'validation.age' } });
    else if (!/^[A-Za-z0-9-]{1,20}$/.test(area))
      problems.push({ line: i + 1, problem: { key: 'error.code.UNKNOWN_AREA' } });
    else
      children.push({
        child: { fullName: name, sex: sexValue, ageYears: ageValue },
        location: { areaCode: area },
        summary,
      });
  });
  return { children, problems };
}

export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
