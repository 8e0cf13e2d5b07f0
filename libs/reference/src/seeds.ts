import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Category, type DeadlinePolicy, type WorkingCalendar, makeCalendar } from '@sen/case-domain';
import { projectRoot } from '@sen/db';

export function seedsPath(file: string): string {
  return join(projectRoot(), 'seeds', file);
}

export function readSeed<T>(file: string): T {
  return JSON.parse(readFileSync(seedsPath(file), 'utf8')) as T;
}

interface PolicySeed {
  utcOffsetMinutes: number;
  firstResponse: { hours: number; categories: Category[] };
  plan: { workingDays: number };
  referralAcknowledgeHours: DeadlinePolicy['referralAcknowledgeHours'];
  referralCompletionDefaultDays: number;
}

export function loadDeadlinePolicy(): DeadlinePolicy {
  const seed = readSeed<PolicySeed>('deadline-policy.json');
  return {
    utcOffsetMinutes: seed.utcOffsetMinutes,
    firstResponse: seed.firstResponse,
    plan: seed.plan,
    referralAcknowledgeHours: seed.referralAcknowledgeHours,
    referralCompletionDefaultDays: seed.referralCompletionDefaultDays,
  };
}

interface HolidaySeed {
  weekend: number[];
  daysOff: { date: string }[];
  workingDays: { date: string }[];
}

export function loadCalendar(): WorkingCalendar {
  const seed = readSeed<HolidaySeed>('holidays.json');
  return makeCalendar({
    weekend: seed.weekend,
    daysOff: seed.daysOff.map((d) => d.date),
    workingDays: seed.workingDays.map((d) => d.date),
  });
}

export interface AreaSeed {
  code: string;
  gsoCode?: string;
  name: string;
  nameAscii: string;
  level: 'province' | 'district' | 'commune';
  kind: string;
  parentCode: string | null;
}

export interface AreaTreeSeed {
  id: string;
  validFrom: string;
  validTo: string | null;
  areas: AreaSeed[];
}

export interface AreasSeedFile {
  trees: AreaTreeSeed[];
  successors: { from: string; to: string }[];
  partialSuccessors?: { from: string; to: string }[];
}
