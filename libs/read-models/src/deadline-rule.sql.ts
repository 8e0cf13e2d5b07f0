// The deadline rule of the domain (libs/case-domain/src/deadline-rule.ts) as SQL, for the queries that apply it
// to many rows. deadline-rule.int.spec.ts runs these fragments and deadlineOutcome over the same edge cases.
import type { Sql } from '@sen/db';

type Fragment = ReturnType<Sql>;
type Operand = Fragment | Date;

/** doneInTime: done at or before the deadline. */
export function doneInTimeSql(sql: Sql, due: Operand, done: Operand): Fragment {
  return sql`(${done} <= ${due})`;
}

/** pastDue: `now` strictly after the deadline. */
export function pastDueSql(sql: Sql, due: Operand, now: Operand): Fragment {
  return sql`(${now} > ${due})`;
}

/** deadlineOutcome as a text expression: 'met', 'missed', 'overdue' or 'pending' (null when `due` is null). */
export function deadlineOutcomeSql(sql: Sql, due: Operand, done: Operand, now: Operand): Fragment {
  return sql`case when ${due} is null then null
                  when ${done} is not null then case when ${doneInTimeSql(sql, due, done)} then 'met' else 'missed' end
                  when ${pastDueSql(sql, due, now)} then 'overdue' else 'pending' end`;
}
