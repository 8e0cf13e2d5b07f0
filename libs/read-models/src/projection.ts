import type { CaseEvent } from '@sen/case-domain';
import type { Checkpoint } from '@sen/event-store';
import type { AreaDirectory } from '@sen/reference';
import type { TransactionSql } from '@sen/db';

/** A case event as projections see it: decoded, with where it stands in its stream and in the store. */
export interface ProjectionEvent {
  event: CaseEvent;
  caseId: string;
  /** The event store's id of the event (set by the runner; fixtures may leave it out). */
  eventId?: string;
  /** The case's version after this event (revision + 1). */
  version: number;
  position: number;
  recordedAt: string;
  checkpoint: Checkpoint;
}

export interface ProjectionContext {
  areas: AreaDirectory;
}

export type Row = Record<string, unknown>;

export interface TableSpec {
  table: string;
  /** Primary key columns; every table of a case projection also has `case_id`. */
  key: readonly string[];
  columns: readonly string[];
  /** jsonb columns (their values are JSON values, written as they are). */
  json?: readonly string[];
}

/** The rows of every table of a projection that belong to one case. */
export type CaseRows = Record<string, Row[]>;

/**
 * A read model kept per case: the runner loads the rows of the cases a batch touches, lets `evolve` fold the
 * batch's events into them (pure, deterministic: no clock, no I/O), and writes them back with the checkpoint
 * in one transaction.
 */
export interface CaseProjection {
  name: string;
  tables: readonly TableSpec[];
  evolve(rows: CaseRows, event: ProjectionEvent, ctx: ProjectionContext): CaseRows;
  /** Counts over many cases kept beside the rows (see RollupSpec). */
  rollups?: readonly RollupSpec[];
}

/**
 * A table of counts that a projection keeps up to date from its case rows: each case adds 1 to the rows of
 * `contributions(its rows)`. When a batch changes a case, the runner takes 1 from the rows it contributed
 * before and adds 1 to those it contributes after, netted over the batch in one statement; rows whose count
 * falls to 0 are deleted, so a rebuild gives the same rows. `contributions` is pure, like `evolve`.
 */
export interface RollupSpec {
  table: string;
  /** The primary key: every column but the count `n` and the `sums`. */
  key: readonly string[];
  /** Postgres types of the key columns, in order (for unnest). */
  types: readonly string[];
  /** Integer columns summed over the cases besides `n` (each contribution gives its value). */
  sums?: readonly string[];
  contributions(rows: CaseRows): Row[];
  /**
   * A table counting this roll-up's rows per `key` (a part of its key): `n` the rows (say, distinct children),
   * `cases` the sum of their `n`. Kept from the rows that appear and go, so a count of distinct values is one row.
   */
  distinct?: { table: string; key: readonly string[]; types: readonly string[] };
}

/**
 * A projection whose effect is not rows per case but writes of its own (the outbox): it gets the batch and
 * the transaction. Its writes must be idempotent, since a rebuild replays it (it has no tables to truncate).
 */
export interface BatchProjection {
  name: string;
  tables: readonly TableSpec[];
  applyBatch(tx: TransactionSql, events: ProjectionEvent[], ctx: ProjectionContext): Promise<void>;
}

export type Projection = CaseProjection | BatchProjection;

export function isBatchProjection(p: Projection): p is BatchProjection {
  return 'applyBatch' in p;
}

/** Every table a projection writes, its rows' tables and its roll-ups, with their primary keys. */
export function tablesOf(p: Projection): { table: string; key: readonly string[] }[] {
  const rollups = isBatchProjection(p) ? [] : (p.rollups ?? []);
  return [...p.tables, ...rollups, ...rollups.flatMap((r) => (r.distinct ? [r.distinct] : []))].map((t) => ({
    table: t.table,
    key: t.key,
  }));
}

/** Diacritics folded, đ → d, lower case: "Nguyễn Thị Đào" → "nguyen thi dao". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The given name (tên) of a Vietnamese full name: its last word ("Nguyễn Thị Lan" → "Lan"). */
export function givenName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}
