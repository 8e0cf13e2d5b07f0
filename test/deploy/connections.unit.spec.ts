// PostgreSQL connections at the most, computed from the deployment files, against the server's max_connections:
// a pool that cannot connect fails requests, and the default of 100 does not hold the autoscaler's maximum.
// Also the settings that keep an idle transaction from stalling every projection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompose, loadManifests, postgresSettings, ROOT } from './validators';

/** Connections kept free of Sen's pools: one-off commands (a rebuild 10, migrate-events 6, rotate-pii-key 2, psql). */
const ONE_OFF_COMMANDS = 20;
/** Backups, monitoring and superuser_reserved_connections (3). */
const OPERATIONS = 10;
/** postgres.js default when DB_POOL_MAX is unset (libs/config). */
const DEFAULT_POOL = 10;

type Manifests = ReturnType<typeof loadManifests>;

/** `name = value` lines of a postgresql.conf file. */
function confSettings(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*([a-z_]+)\s*=\s*'?([^'#]*?)'?\s*(#.*)?$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Sen's processes at the most in Kubernetes (autoscaler maximum, plus the surge of a rolling update) times their pools. */
function kubernetesPoolTotal(manifests: Manifests): { processes: number; connections: number; lines: string[] } {
  const docs = manifests.map((m) => m.doc);
  const config = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'sen-config')!.data as Record<
    string,
    string
  >;
  let processes = 0;
  let connections = 0;
  const lines: string[] = [];
  for (const d of docs.filter((x) => x.kind === 'Deployment')) {
    const hpa = docs.find(
      (h) => h.kind === 'HorizontalPodAutoscaler' && h.spec.scaleTargetRef.name === d.metadata.name,
    );
    const replicas = Number(hpa ? hpa.spec.maxReplicas : (d.spec.replicas ?? 1));
    const surge = d.spec.strategy?.type === 'Recreate' ? 0 : Number(d.spec.strategy?.rollingUpdate?.maxSurge ?? 1);
    if (!Number.isInteger(surge)) throw new Error(`${d.metadata.name}: maxSurge as a percentage is not summed here`);
    for (const c of d.spec.template.spec.containers) {
      const own = (c.env ?? []).find((e: { name: string }) => e.name === 'DB_POOL_MAX')?.value;
      const pool = Number(own ?? config.DB_POOL_MAX ?? DEFAULT_POOL);
      processes += replicas + surge;
      connections += (replicas + surge) * pool;
      lines.push(`${d.metadata.name}: (${replicas} + ${surge}) x ${pool}`);
    }
  }
  return { processes, connections, lines };
}

describe('PostgreSQL connections and timeouts', () => {
  describe('Kubernetes (deploy/k8s against deploy/postgres/postgresql.sen.conf)', () => {
    const conf = () => confSettings(join(ROOT, 'deploy', 'postgres', 'postgresql.sen.conf'));

    it('max_connections holds every pool at the autoscaler maximum during a rolling update, with room for commands and operations', () => {
      const { connections, lines } = kubernetesPoolTotal(loadManifests());
      const needed = connections + ONE_OFF_COMMANDS + OPERATIONS;
      expect(lines).toEqual(['sen-api: (10 + 1) x 10', 'sen-projector: (2 + 1) x 10', 'sen-worker: (3 + 1) x 10']);
      expect(Number(conf().max_connections)).toBeGreaterThanOrEqual(needed);
      // PostgreSQL's default (100) would not: the autoscaler alone reaches (10 + 1) x 10.
      expect(needed).toBeGreaterThan(100);
    });

    it('the sum follows the manifests: a larger autoscaler maximum needs a larger max_connections', () => {
      const manifests = structuredClone(loadManifests());
      manifests.find((m) => m.doc.kind === 'HorizontalPodAutoscaler')!.doc.spec.maxReplicas = 30;
      expect(kubernetesPoolTotal(manifests).connections + ONE_OFF_COMMANDS + OPERATIONS).toBeGreaterThan(
        Number(conf().max_connections),
      );
    });

    it("ends sessions idle in a transaction, server-wide and in Sen's own connections", () => {
      expect(conf().idle_in_transaction_session_timeout).toMatch(/^\d+(s|min)$/);
      const config = loadManifests().find((m) => m.doc.kind === 'ConfigMap')!.doc.data;
      expect(Number(config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS)).toBeGreaterThan(0);
      expect(Number(config.DB_STATEMENT_TIMEOUT_MS)).toBeGreaterThan(0);
    });
  });

  describe('docker compose', () => {
    it("max_connections holds the pools of every Sen container, the migrate service's, and room for commands", () => {
      const compose = loadCompose();
      const settings = postgresSettings(compose.services.postgres.command);
      let connections = 0;
      for (const name of ['api', 'projector', 'worker', 'migrate']) {
        const service = compose.services[name];
        const replicas = Number(service.deploy?.replicas ?? 1);
        // `sen migrate` and `sen seed` open two connections; the apps their pool.
        const pool = name === 'migrate' ? 2 : Number(service.environment.DB_POOL_MAX ?? DEFAULT_POOL);
        connections += replicas * pool;
      }
      expect(Number(settings.max_connections)).toBeGreaterThanOrEqual(connections + ONE_OFF_COMMANDS + OPERATIONS);
    });

    it('ends sessions idle in a transaction and gives hand-opened sessions a statement timeout', () => {
      const compose = loadCompose();
      const settings = postgresSettings(compose.services.postgres.command);
      expect(settings.idle_in_transaction_session_timeout).toMatch(/^\d+(s|min)$/);
      expect(settings.statement_timeout).toMatch(/^\d+(s|min)$/);
      expect(Number(compose.services.api.environment.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS)).toBeGreaterThan(0);
    });
  });
});
