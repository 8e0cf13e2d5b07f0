import { stringify, type Options } from 'csv-stringify/sync';

/** The characters a spreadsheet may read as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet must not take it for a formula: one starting with = + - @ tab or carriage return
 * gets a single quote in front (OWASP's advice), so `=HYPERLINK(…)` typed into a note stays text when the CSV is
 * opened in Excel or LibreOffice. Numbers are not text cells and keep their sign.
 */
export function csvSafeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Every CSV Sen writes goes through here: RFC 4180 (csv-stringify), every text cell through csvSafeText, booleans
 * as true/false.
 */
export function toSafeCsv(rows: unknown[][], options: Omit<Options, 'cast'> = {}): string {
  return stringify(rows, {
    ...options,
    cast: { string: (s) => csvSafeText(s), boolean: (b) => (b ? 'true' : 'false') },
  });
}
