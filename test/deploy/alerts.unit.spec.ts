// deploy/prometheus/alerts.yml is a Prometheus rule file, and every metric its rules use is one Sen registers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

describe('Prometheus alerting rules (deploy/prometheus/alerts.yml)', () => {
  const file = parse(readFileSync(join(ROOT, 'deploy', 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: { name: string; rules: { alert: string; expr: string; for?: string; labels?: { severity?: string } }[] }[];
  };
  const rules = file.groups.flatMap((g) => g.rules);

  it('has named groups of rules, each with an expression, a duration and a severity', () => {
    expect(file.groups.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.alert).toMatch(/^Sen[A-Za-z]+$/);
      expect(r.expr.length).toBeGreaterThan(0);
      expect(r.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(r.labels?.severity);
    }
  });

  it('alerts on parked events, and uses only metrics the projector registers', () => {
    expect(rules.some((r) => r.expr.includes('sen_projection_parked_events'))).toBe(true);
    const registered = readFileSync(join(ROOT, 'apps', 'projector', 'src', 'projector.service.ts'), 'utf8');
    for (const r of rules)
      for (const [metric] of r.expr.matchAll(/sen_[a-z_]+/g)) expect(registered).toContain(`'${metric}'`);
  });
});
