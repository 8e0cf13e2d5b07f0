// deploy/prometheus/auth-alerts.yml is a well-formed rule file, and it watches the metric the API really exports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface RuleFile {
  groups: {
    name: string;
    rules: { alert: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[];
  }[];
}

describe('deploy/prometheus/auth-alerts.yml', () => {
  const file = parse(
    readFileSync(join(__dirname, '..', '..', 'deploy', 'prometheus', 'auth-alerts.yml'), 'utf8'),
  ) as RuleFile;
  const rules = file.groups.flatMap((g) => g.rules);
  const source = readFileSync(join(__dirname, '..', '..', 'apps', 'api', 'src', 'auth', 'login-throttle.ts'), 'utf8');

  it('alerts on a burst of failed sign-ins and on throttled attempts, by the metric the API exports', () => {
    expect(rules.map((r) => r.alert)).toEqual(['SenSignInFailureBurst', 'SenSignInThrottling']);
    for (const rule of rules) {
      expect(rule.expr).toMatch(/sen_login_failures_total\{reason="(bad_credentials|throttled)"\}/);
      expect(rule.labels?.severity).toBeDefined();
      expect(rule.annotations?.summary).toBeDefined();
    }
    expect(source).toContain("name: 'sen_login_failures_total'");
    expect(source).toContain("reason: 'bad_credentials'");
    expect(source).toContain("reason: 'throttled'");
  });
});
