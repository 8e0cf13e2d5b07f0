// Every process starts with what the deployment files give it: the ConfigMap and each container's env (with the
// Secret's keys as the operator creates them), and compose's environment with its ${VAR} filled in, are fed to
// the real configuration loader, with the PostgreSQL and the EventStoreDB store alike.
import { loadConfig } from '@sen/config';
import { loadCompose, loadExamples, loadManifests } from './validators';

/** What an operator puts in the Secrets: valid values of the right shape (the example's are placeholders). */
const SECRET_VALUES: Record<string, string> = {
  JWT_SECRET: 'x'.repeat(48),
  PII_MASTER_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64'),
  DATABASE_URL: 'postgres://sen:secret@sen-postgres:5432/sen?sslmode=require',
};

describe('the configuration loader accepts every value the deployment files give', () => {
  describe('Kubernetes', () => {
    const manifests = loadManifests();
    const configMap = manifests.find((m) => m.doc.kind === 'ConfigMap')!.doc.data as Record<string, string>;
    const exampleUrl = loadExamples().find((e) => e.doc.metadata.name === 'sen-secrets')!.doc.stringData
      .EVENTSTORE_URL as string;
    const containers = manifests
      .filter((m) => m.doc.kind === 'Deployment')
      .flatMap((m) =>
        [...(m.doc.spec.template.spec.initContainers ?? []), ...m.doc.spec.template.spec.containers].map(
          (c) => [`${m.doc.metadata.name}/${c.name}`, c] as const,
        ),
      );

    const envOf = (
      container: { env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } }[] },
      eventStoreUrl: string,
    ) => {
      const env: Record<string, string> = { ...configMap };
      for (const e of container.env ?? []) {
        const key = e.valueFrom?.secretKeyRef?.key;
        if (e.value !== undefined) env[e.name] = e.value;
        else if (key === 'EVENTSTORE_URL') env[e.name] = eventStoreUrl;
        else if (key && SECRET_VALUES[key]) env[e.name] = SECRET_VALUES[key]!;
      }
      return env;
    };

    it.each(containers)('%s starts with EVENT_STORE=postgres (the ConfigMap as it is)', (_name, container) => {
      expect(loadConfig(envOf(container, exampleUrl)).eventStore).toBe('postgres');
    });

    it.each(containers)(
      '%s starts with EVENT_STORE=esdb and the multi-node esdb+discover:// connection string',
      (_name, container) => {
        const url = exampleUrl.replace('REPLACE_ME', 'secret');
        expect(url.split(',').length).toBeGreaterThan(1);
        const config = loadConfig({ ...envOf(container, url), EVENT_STORE: 'esdb' });
        expect(config).toMatchObject({ eventStore: 'esdb', eventStoreUrl: url });
      },
    );
  });

  describe('docker compose', () => {
    const compose = loadCompose();
    // What the operator exports before `docker compose up` (the file refuses to start without them).
    const shell: Record<string, string> = {
      POSTGRES_PASSWORD: 'secret',
      JWT_SECRET: 'x'.repeat(48),
      PII_MASTER_KEY: SECRET_VALUES.PII_MASTER_KEY!,
    };
    const interpolate = (value: unknown, extra: Record<string, string>) =>
      String(value).replace(/\$\{([A-Z_]+)(?::?[-?]([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
        const v = { ...shell, ...extra }[name];
        if (v !== undefined) return v;
        if (fallback !== undefined && !/^set /.test(fallback)) return fallback;
        throw new Error(`compose needs ${name}`);
      });
    const services = ['migrate', 'api', 'projector', 'worker'];

    it.each(services)('%s starts with the PostgreSQL store and with EVENT_STORE=esdb', (name) => {
      for (const [extra, store] of [
        [{}, 'postgres'],
        [{ EVENT_STORE: 'esdb' }, 'esdb'],
      ] as const) {
        const env = Object.fromEntries(
          Object.entries(compose.services[name].environment as Record<string, unknown>).map(([k, v]) => [
            k,
            interpolate(v, extra),
          ]),
        );
        expect(loadConfig(env).eventStore).toBe(store);
      }
    });
  });
});
