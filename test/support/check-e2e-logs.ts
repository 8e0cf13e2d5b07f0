import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Every child's name, reporter's name and phone number the e2e specs send (read from their source). */
export function personalDataInSpecs(): string[] {
  const dirs = [join(ROOT, 'test', 'e2e'), join(ROOT, 'test', 'browser')].filter(existsSync);
  const values = new Set<string>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.spec.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/\b(?:fullName|name|phone|summary):\s*'([^']{4,})'/g)) values.add(m[1]!);
      // Constants that hold names or summaries: const NAMES = ['…', '…'], const CHILD = '…', SUMMARY, REPORTER.
      for (const m of text.matchAll(/\b(?:NAMES|CHILD|REPORTER|SUMMARY)\s*=\s*(\[[^\]]*\]|'[^']*')/g)) {
        for (const q of m[1]!.matchAll(/'([^']{4,})'/g)) values.add(q[1]!);
      }
    }
  }
  return [...values];
}

/**
 * Global teardown of the e2e project: no log line of the whole run may hold a child's name, a reporter's name
 * or phone, or a case summary. Throws (failing the run) with the file and the value found.
 */
export function findPersonalData(dir: string, secrets: string[]): { files: number; lines: number; found: string[] } {
  if (!existsSync(dir)) return { files: 0, lines: 0, found: [] };
  const files = readdirSync(dir);
  const found: string[] = [];
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    lines += text.split('\n').length;
    // Logs are JSON: a name may be escaped (\u1ec5) rather than written as is.
    const decoded = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    for (const secret of secrets) if (decoded.includes(secret)) found.push(`${file}: "${secret}"`);
  }
  return { files: files.length, lines, found };
}

export default function checkLogs() {
  const secrets = personalDataInSpecs();
  const { files, lines, found } = findPersonalData(join(ROOT, 'test-output', 'e2e-logs'), secrets);
  if (found.length > 0) throw new Error(`personal data found in e2e logs:\n${found.join('\n')}`);
  console.log(
    `\ne2e logs checked: ${files} files, ${lines} lines, ${secrets.length} names/phones/summaries, none found`,
  );
}
