import type { ChildKeyStore, PiiCodec } from '@sen/case-app';
import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { applyToProjection, decodeCaseEvents } from './apply';
import { type ParkedError, type ParkedRow, describeError } from './parking';

export interface ReplayDeps {
  sql: Sql;
  store: EventStore;
  projections: readonly Projection[];
  context: ProjectionContext;
  pii: PiiCodec;
  keys: ChildKeyStore;
}

export interface ReplayResult {
  projection: string;
  caseId: string;
  /** Ids of the parked events of the case in the projection, in their order. */
  ids: number[];
  outcome: 'replayed' | 'failed';
  error?: ParkedError & { id: number };
}

export class ParkedEventNotFoundError extends Error {
  constructor(readonly id: number) {
    super(`no parked event ${id}`);
  }
}

class ReplayFailed extends Error {
  constructor(
    readonly id: number,
    readonly failure: unknown,
  ) {
    super('replay failed');
  }
}

/**
 * Re-applies the parked events of one case in one projection (the one holding parked event `id`, and every other
 * event of that case parked there), in their order, after the projection's code was fixed. All or nothing: on
 * success they are marked replayed and the case is current again; on failure nothing is applied, and the event
 * that failed keeps its place with the new error. Runs beside the projector: the projection's checkpoint row is
 * locked for the transaction, so a batch of the projector parking another event of the case waits, then is seen.
 */
export async function replayParked(deps: ReplayDeps, id: number): Promise<ReplayResult> {
  const [target] = await deps.sql<{ projection: string; stream_id: string }[]>`
    select projection, stream_id from projection_parked_events where id = ${id} and status = 'parked'`;
  if (!target) throw new ParkedEventNotFoundError(id);
  return replayStream(deps, target.projection, target.stream_id);
}

/** Every parked case of every projection, oldest first; one failing does not stop the others. */
export async function replayAllParked(deps: ReplayDeps): Promise<ReplayResult[]> {
  const groups = await deps.sql<{ projection: string; stream_id: string }[]>`
    select projection, stream_id from projection_parked_events where status = 'parked'
     group by projection, stream_id order by min(id)`;
  const out: ReplayResult[] = [];
  for (const g of groups) out.push(await replayStream(deps, g.projection, g.stream_id));
  return out;
}

async function replayStream(deps: ReplayDeps, projectionName: string, streamId: string): Promise<ReplayResult> {
  const projection = deps.projections.find((p) => p.name === projectionName);
  const caseId = streamId.slice('case-'.length);
  if (!projection) throw new Error(`parked events of an unknown projection ${projectionName}`);
  let ids: number[] = [];
  try {
    await deps.sql.begin(async (tx) => {
      await tx`select 1 from projection_checkpoints where name = ${projectionName} for update`;
      const parked = await tx<ParkedRow[]>`
        select * from projection_parked_events where projection = ${projectionName} and stream_id = ${streamId} and status = 'parked'
         order by global_position for update`;
      ids = parked.map((r) => Number(r.id));
      if (parked.length === 0) return;
      const recorded = await deps.store.readStream(streamId, { fromRevision: Number(parked[0]!.stream_revision) });
      const rowOf = new Map(parked.map((p) => [Number(p.stream_revision), Number(p.id)]));
      // The parked events, and the erasures applied beside them (parking.ts): applied again after the events they
      // followed, so the rows end as the log does (an erasure is idempotent).
      const replayed = recorded.filter((r) => rowOf.has(r.revision) || r.type === 'PersonalDataErased');
      if (replayed.filter((r) => rowOf.has(r.revision)).length !== parked.length)
        throw new Error(`the event store lacks parked events of ${streamId}`);
      const events = await decodeCaseEvents(replayed, deps.pii, deps.keys);
      for (const e of events) {
        try {
          await tx.savepoint((sp) => applyToProjection(sp, projection, [e], deps.context));
        } catch (error) {
          throw new ReplayFailed(rowOf.get(e.version - 1) ?? ids[0]!, error);
        }
      }
      await tx`
        update projection_parked_events set status = 'replayed', replayed_at = now(), attempts = attempts + 1, last_attempt_at = now()
         where id = any(${ids}::bigint[])`;
    });
    return { projection: projectionName, caseId, ids, outcome: 'replayed' };
  } catch (error) {
    if (!(error instanceof ReplayFailed)) throw error;
    const described = describeError(error.failure);
    await deps.sql`
      update projection_parked_events
         set attempts = attempts + 1, last_attempt_at = now(),
             error_code = case when id = ${error.id} then ${described.code} else error_code end,
             error_message = case when id = ${error.id} then ${described.message} else error_message end
       where id = any(${ids}::bigint[])`;
    return { projection: projectionName, caseId, ids, outcome: 'failed', error: { ...described, id: error.id } };
  }
}
