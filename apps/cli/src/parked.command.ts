import { PROJECTIONS, type ReplayResult, listParked, replayAllParked, replayParked } from '@sen/read-models';
import type { CliRuntime } from './runtime';

/** `sen parked list`: the events projections could not apply, one a line (ids and codes, no personal data). */
export async function parkedList(rt: CliRuntime, options: { all: boolean }): Promise<string> {
  const items = await listParked(rt.sql, { all: options.all, limit: 10_000 });
  if (items.length === 0)
    return options.all ? 'no parked events\n' : 'no parked events (--all lists the replayed ones too)\n';
  const lines = items.map((p) =>
    [
      p.id,
      p.status,
      p.projection,
      p.caseId,
      `rev ${p.streamRevision}`,
      `pos ${p.position}`,
      p.eventType,
      p.errorCode,
      p.errorMessage,
      p.parkedAt,
    ].join('\t'),
  );
  return `${['id', 'status', 'projection', 'case', 'revision', 'position', 'type', 'error', 'message', 'parked at'].join('\t')}\n${lines.join('\n')}\n`;
}

/** `sen parked replay <id|all>`: re-applies parked events after a projection code change; exit code 2 if one still fails. */
export async function parkedReplay(rt: CliRuntime, target: string): Promise<{ text: string; failed: number }> {
  const deps = {
    sql: rt.sql,
    store: rt.store,
    projections: PROJECTIONS,
    context: { areas: rt.areas },
    pii: rt.pii,
    keys: rt.keys,
  };
  let results: ReplayResult[];
  if (target === 'all') results = await replayAllParked(deps);
  else {
    if (!/^[1-9][0-9]{0,15}$/.test(target))
      throw new Error(`replay takes a parked event's id or all (got ${JSON.stringify(target)})`);
    results = [await replayParked(deps, Number(target))];
  }
  const lines = results.map((r) =>
    r.outcome === 'replayed'
      ? `replayed: ${r.projection} case ${r.caseId}, ${r.ids.length} event(s)`
      : `still failing: ${r.projection} case ${r.caseId}, event ${r.error!.id}: ${r.error!.code} ${r.error!.message}`,
  );
  return {
    text: `${lines.join('\n') || 'nothing to replay'}\n`,
    failed: results.filter((r) => r.outcome === 'failed').length,
  };
}
