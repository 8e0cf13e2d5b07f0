/**
 * The characters Sen accepts in text from outside (issue 15, point 1). One NUL in a child's name once stopped
 * every read model of the province: PostgreSQL's text and jsonb cannot hold U+0000, and a lone surrogate is
 * not valid UTF-8. Refused everywhere:
 *  - C0 controls U+0000–U+001F and DEL U+007F, except in free text: tab, line feed, and carriage return
 *    (a CR LF line break pasted from another program);
 *  - C1 controls U+0080–U+009F (what Windows-1252 text read as Latin-1 leaves behind);
 *  - lone surrogates (half of a UTF-16 pair; an emoji's whole pair is fine).
 * Everything else is accepted, and normalised to NFC so that "Nguyễn" typed on one keyboard and pasted from
 * another is stored, searched and compared as the same name.
 */

// Control characters are what these patterns are about.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const FREE_TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface TextRule {
  /** Free text (notes, summaries, reasons) may hold tab and line breaks; names, codes and ids never do. */
  freeText: boolean;
}

const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is refused, as a problem sentence for the 400's details, or null when it is acceptable. */
export function textProblem(value: string, rule: TextRule): string | null {
  const control = (rule.freeText ? FREE_TEXT_CONTROL : CONTROL).exec(value);
  if (control) {
    return rule.freeText || !/[\t\n\r]/.test(control[0])
      ? `holds the control character ${hex(control[0])}`
      : `holds a tab or line break (${hex(control[0])}), which only free text may hold`;
  }
  // A carriage return is part of a CR LF line break, never on its own.
  if (rule.freeText && /\r(?!\n)/.test(value)) return 'holds a carriage return that does not end a line (U+000D)';
  if (LONE_SURROGATE.test(value)) return 'holds half of a UTF-16 surrogate pair (not valid Unicode)';
  return null;
}

/** The stored form of accepted text: Unicode NFC. */
export function normaliseText(value: string): string {
  return value.normalize('NFC');
}
