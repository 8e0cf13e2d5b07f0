import { foldText } from '@sen/read-models';

export interface Sought {
  fullName: string;
  sex?: string | null;
  ageYears?: number | null;
  lastSeenAreaCode: string;
}

export interface Candidate {
  caseId: string;
  childName: string;
  sex: string | null;
  ageYears: number | null;
  areaCode: string;
}

function trigrams(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) out.add(padded.slice(i, i + 3));
  return out;
}

function dice(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return (2 * common) / (ta.size + tb.size || 1);
}

/**
 * How well a registered child matches a family's description, from 0 to 1. Vietnamese names run family name,
 * middle names, given name: the given name weighs most (many children share a family name — Nguyễn, Trần, Lê),
 * then the family name and the whole name's trigrams, all with diacritics folded (families and workers do not
 * always type them). Age within a year, the same sex, and being found where the child was last seen add to it.
 */
export function matchScore(s: Sought, c: Candidate): { score: number; reasons: string[] } {
  const a = foldText(s.fullName).split(' ');
  const b = foldText(c.childName).split(' ');
  const reasons: string[] = [];
  let name = 0;
  if (a[a.length - 1] === b[b.length - 1]) {
    name += 0.5;
    reasons.push('given name');
  }
  if (a.length > 1 && b.length > 1 && a[0] === b[0]) {
    name += 0.15;
    reasons.push('family name');
  }
  const middleA = a.slice(1, -1);
  const middleB = new Set(b.slice(1, -1));
  if (middleA.length > 0 && middleA.every((m) => middleB.has(m))) {
    name += 0.1;
    reasons.push('middle name');
  }
  name += 0.25 * dice(a.join(' '), b.join(' '));
  let age = 0.5;
  if (s.ageYears != null && c.ageYears != null) {
    const d = Math.abs(s.ageYears - c.ageYears);
    age = d === 0 ? 1 : d === 1 ? 0.8 : d === 2 ? 0.3 : 0;
    if (d <= 1) reasons.push('age');
  }
  const sex = !s.sex || !c.sex || s.sex === 'unknown' || c.sex === 'unknown' ? 0.5 : s.sex === c.sex ? 1 : 0;
  if (sex === 1) reasons.push('sex');
  // Children carried by floodwater are found far from home: another commune lowers the score, never rules out.
  const area = c.areaCode === s.lastSeenAreaCode ? 1 : 0.3;
  if (area === 1) reasons.push('same commune');
  const score = 0.55 * Math.min(1, name) + 0.2 * age + 0.1 * sex + 0.15 * area;
  return { score: Math.round(score * 1000) / 1000, reasons };
}

export const MATCH_THRESHOLD = 0.45;
