// docker-compose.yml passes the compose-spec JSON schema (with ajv) and Sen's rules; a broken one does not.
import { composePolicyFindings, composeSchemaFindings, loadCompose } from './validators';

type Compose = ReturnType<typeof loadCompose>;

function broken(mutate: (c: Compose) => void): Compose {
  const copy = structuredClone(loadCompose());
  mutate(copy);
  return copy;
}

describe('docker-compose.yml', () => {
  const compose = loadCompose();

  it('passes the compose-spec JSON schema', () => {
    expect(composeSchemaFindings(compose)).toEqual([]);
  });

  it("passes Sen's rules (Redis AOF and noeviction, ports, health checks, non-root, read-only, 2 projectors)", () => {
    expect(composePolicyFindings(compose)).toEqual([]);
  });

  describe('a broken compose file fails', () => {
    it.each<[string, (c: Compose) => void, RegExp]>([
      [
        'a misspelt service key',
        (c) => (c.services.api.helthcheck = c.services.api.healthcheck),
        /must NOT have additional properties.*helthcheck/,
      ],
      [
        'an unknown depends_on condition',
        (c) => (c.services.api.depends_on.migrate.condition = 'service_done'),
        /must be equal to one of the allowed values/,
      ],
      ['top-level volumes as a list', (c) => (c.volumes = ['postgres-data']), /must be object/],
      ['an unknown top-level key', (c) => (c.service = {}), /must NOT have additional properties/],
    ])('schema: %s', (_what, mutate, message) => {
      expect(
        composeSchemaFindings(broken(mutate))
          .map((f) => `${f.problem}`)
          .join('\n'),
      ).toMatch(message);
    });

    it.each<[string, (c: Compose) => void, RegExp]>([
      [
        'Redis evicting keys',
        (c) =>
          (c.services.redis.command = ['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'allkeys-lru']),
        /noeviction/,
      ],
      [
        'Redis without AOF',
        (c) => (c.services.redis.command = ['redis-server', '--maxmemory-policy', 'noeviction']),
        /appendonly/,
      ],
      [
        'the worker health-checked on the API port',
        (c) => (c.services.worker.healthcheck.test = ['CMD', 'curl', 'http://127.0.0.1:3000/health/ready']),
        /:3002\/health\/ready/,
      ],
      ['the API as root', (c) => (c.services.api.user = 'root'), /non-root/],
      ['one projector', (c) => (c.services.projector.deploy.replicas = 1), /2 replicas/],
      [
        'a floating PostgreSQL tag',
        (c) => (c.services.postgres.image = 'postgres:15'),
        /image must be pinned to an exact release \(got postgres:15\)/,
      ],
      [
        'a floating Redis tag',
        (c) => (c.services.redis.image = 'redis:7'),
        /image must be pinned to an exact release \(got redis:7\)/,
      ],
      ['Sen at latest', (c) => (c.services.api.image = 'sen:latest'), /image must be sen:.*not sen:latest/],
      [
        'no idle-in-transaction timeout',
        (c) => (c.services.postgres.command = ['postgres', '-c', 'max_connections=100', '-c', 'statement_timeout=60s']),
        /idle_in_transaction_session_timeout/,
      ],
    ])('rules: %s', (_what, mutate, message) => {
      expect(
        composePolicyFindings(broken(mutate))
          .map((f) => f.problem)
          .join('\n'),
      ).toMatch(message);
    });
  });
});
