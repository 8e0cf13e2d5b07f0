import { addIncidentChildren, INCIDENT_BATCH_MAX, type IncidentChild, type RowResult } from '../../api/incidents';
import { newKey } from '../../hooks';
import { type ChildRowInput, type RowOutcome, batches, outcomesOf, toIncidentChild } from './children-rows';

/**
 * Registers rows of children: the rows this page can tell are wrong are not sent (their problems are the
 * outcome); the others go in batches of up to 1,000, each with its own Idempotency-Key, so that a retry of a
 * batch creates nothing twice. Every row gets its outcome, in the order of the rows.
 */
export async function registerChildren(
  incidentId: string,
  rows: (ChildRowInput & { line: number })[],
  onProgress: (done: number, total: number) => void,
): Promise<RowOutcome[]> {
  const invalid: RowOutcome[] = [];
  const sent: { line: number; child: IncidentChild }[] = [];
  for (const row of rows) {
    const { child, problems } = toIncidentChild(row);
    if (child) sent.push({ line: row.line, child });
    else invalid.push({ line: row.line, status: 'invalid', problems });
  }
  const key = newKey();
  const cut = batches(sent, INCIDENT_BATCH_MAX);
  const answers: (RowResult[] | null)[] = [];
  for (const [b, batch] of cut.entries()) {
    onProgress(b, cut.length);
    try {
      const res = await addIncidentChildren(
        incidentId,
        batch.map((s) => s.child),
        `${key}-${b}`,
      );
      answers.push(res.results);
    } catch {
      answers.push(null);
    }
  }
  onProgress(cut.length, cut.length);
  const outcomes = [
    ...invalid,
    ...outcomesOf(
      sent.map((s) => s.line),
      INCIDENT_BATCH_MAX,
      answers,
    ),
  ];
  return outcomes.sort((a, b) => a.line - b.line);
}
