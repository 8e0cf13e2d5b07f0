// `sen simulate`: a province's worth of cases through the real command path (handleCaseCommand: load the
// stream, fold, decide, append with the version read), at simulated instants carried on each command.
import { Presets, SingleBar } from 'cli-progress';
import { CaseCommandHandler, CaseRepository, UNGUARDED } from '@sen/case-app';
import { type CaseEventType, type Category, type DecideContext, DomainError, localDate } from '@sen/case-domain';
import { type AreaDirectory, loadCalendar, loadDeadlinePolicy } from '@sen/reference';
import { type CaseScript, type SimArea, type SimOptions, generateProvince } from './simulate.generator';

export const DEFAULT_START = '2026-01-01T00:00:00+07:00';

export function decideContext(): DecideContext {
  return { policy: loadDeadlinePolicy(), calendar: loadCalendar() };
}

/** Communes of the area tree in force at `start`, each with the level its automatic escalation goes to. */
export function simAreas(areas: AreaDirectory, start: string, utcOffsetMinutes: number): SimArea[] {
  return areas
    .treeOn(localDate(start, utcOffsetMinutes))
    .filter((a) => a.level === 'commune')
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => ({ code: a.code, nextLevel: areas.nextLevelAbove(a.code, 'commune') }));
}

export interface SimulationSummary {
  children: number;
  cases: number;
  repeatCases: number;
  commands: number;
  /** Commands that decided nothing (timers whose deadline was met). */
  noOps: number;
  /** Commands the domain refused, by error code (a generator bug when not empty). */
  refused: Record<string, number>;
  events: number;
  eventsByType: Partial<Record<CaseEventType, number>>;
  casesByCategory: Partial<Record<Category, number>>;
  referrals: number;
  seconds: number;
}

export function emptySummary(children: number): SimulationSummary {
  return {
    children,
    cases: 0,
    repeatCases: 0,
    commands: 0,
    noOps: 0,
    refused: {},
    events: 0,
    eventsByType: {},
    casesByCategory: {},
    referrals: 0,
    seconds: 0,
  };
}

export function countScript(s: SimulationSummary, script: CaseScript): void {
  s.cases++;
  if (script.repeat) s.repeatCases++;
  s.casesByCategory[script.category] = (s.casesByCategory[script.category] ?? 0) + 1;
}

export function countEvents(s: SimulationSummary, types: readonly CaseEventType[]): void {
  s.events += types.length;
  for (const t of types) {
    s.eventsByType[t] = (s.eventsByType[t] ?? 0) + 1;
    if (t === 'ReferralIssued') s.referrals++;
  }
}

export interface RunOptions {
  /** Cases worked on at once; each case's commands stay in order on one lane. */
  concurrency?: number;
  progress?: boolean;
}

/** Sends every command of the simulated province through the executor, case by case in simulated time order. */
export async function simulateThroughCommands(
  executor: CaseCommandHandler,
  o: SimOptions,
  run: RunOptions = {},
): Promise<SimulationSummary> {
  const started = Date.now();
  const summary = emptySummary(o.children);
  const scripts = [...generateProvince(o)];
  for (const s of scripts) countScript(summary, s);
  // Cases opened earliest go first; lanes work through their cases' commands in simulated time.
  scripts.sort((a, b) => a.steps[0]!.at - b.steps[0]!.at);
  const lanes = Math.max(1, run.concurrency ?? 8);
  const work: { caseId: string; at: number; step: CaseScript['steps'][number] }[][] = Array.from(
    { length: lanes },
    () => [],
  );
  scripts.forEach((s, i) => work[i % lanes]!.push(...s.steps.map((step) => ({ caseId: s.caseId, at: step.at, step }))));
  for (const lane of work) lane.sort((a, b) => a.at - b.at); // stable: a case's own steps keep their order
  const total = work.reduce((n, l) => n + l.length, 0);
  const bar = run.progress
    ? new SingleBar(
        { format: 'simulate [{bar}] {percentage}% | {value}/{total} commands | {eta}s left', hideCursor: true },
        Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0);
  const versions = new Map<string, number>();
  await Promise.all(
    work.map(async (lane) => {
      for (const { caseId, step } of lane) {
        summary.commands++;
        try {
          const result = await executor.execute(caseId, step.command, versions.get(caseId) ?? 0);
          versions.set(caseId, result.version);
          if (result.events.length === 0) summary.noOps++;
          countEvents(
            summary,
            result.events.map((e) => e.type),
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          summary.refused[error.code] = (summary.refused[error.code] ?? 0) + 1;
        }
        if (summary.commands % 50 === 0) bar?.update(summary.commands);
      }
    }),
  );
  bar?.update(summary.commands);
  bar?.stop();
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

export function commandExecutor(repository: CaseRepository, ctx: DecideContext): CaseCommandHandler {
  return new CaseCommandHandler(repository, ctx, UNGUARDED);
}

export function formatSummary(s: SimulationSummary, mode: string): string {
  const lines = [
    `simulated (${mode}): ${s.children} children, ${s.cases} cases (${s.repeatCases} of children reported again), ${s.events} events, ${s.referrals} referrals in ${s.seconds.toFixed(1)} s (${Math.round(s.events / Math.max(s.seconds, 0.001))} events/s)`,
  ];
  if (s.commands > 0) lines.push(`commands: ${s.commands} (${s.noOps} timers with nothing to do)`);
  const refused = Object.entries(s.refused);
  if (refused.length > 0) lines.push(`refused by the domain: ${refused.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  lines.push('cases by category:');
  for (const [c, n] of Object.entries(s.casesByCategory).sort((a, b) => b[1] - a[1])) {
    lines.push(
      `  ${c.padEnd(18)} ${String(n).padStart(8)}  ${((100 * n) / Math.max(s.cases, 1)).toFixed(1).padStart(5)} %`,
    );
  }
  lines.push('events by type:');
  for (const [t, n] of Object.entries(s.eventsByType).sort((a, b) => b[1] - a[1]))
    lines.push(`  ${t.padEnd(30)} ${String(n).padStart(9)}`);
  return `${lines.join('\n')}\n`;
}
