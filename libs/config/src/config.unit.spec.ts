import { ConfigError, DEMO_JWT_SECRET, DEMO_PII_MASTER_KEY, loadConfig } from './config';

describe('Configuration', () => {
  it('starts a fresh machine in demo mode with the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/sen',
      redisUrl: 'redis://127.0.0.1:6379',
      eventStore: 'postgres',
      port: 3000,
      demo: true,
    });
    expect(config.piiMasterKey).toHaveLength(32);
  });

  it('names every bad variable in one error', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mysql', DATABASE_URL: 'mysql://x', PII_MASTER_KEY: 'c2hvcnQ=' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/EVENT_STORE/);
    expect(text).toMatch(/DATABASE_URL/);
    expect(text).toMatch(/PII_MASTER_KEY: must be 32 bytes/);
  });

  it('refuses production with demo users or default secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*PII_MASTER_KEY/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEMO_JWT_SECRET, PII_MASTER_KEY: DEMO_PII_MASTER_KEY }),
    ).toThrow(/demo default is refused/);
    const good = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(() => loadConfig({ ...good, SEN_DEMO: '1' })).toThrow(/SEN_DEMO/);
    expect(loadConfig(good).demo).toBe(false);
  });

  it('requires EVENTSTORE_URL for the esdb store', () => {
    expect(() => loadConfig({ EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_URL: required/);
    expect(loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' }).eventStore).toBe('esdb');
  });

  describe('EVENTSTORE_URL, read as the EventStoreDB client reads it', () => {
    const esdb = (url: string) => () => loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_URL: url });

    it('accepts a cluster of gossip seeds, a single node, credentials, a CA file and the KurrentDB schemes', () => {
      for (const url of [
        'esdb+discover://sen-eventstore-0.sen-eventstore:2113,sen-eventstore-1.sen-eventstore:2113,sen-eventstore-2.sen-eventstore:2113?tls=true',
        'esdb://127.0.0.1:2113?tls=false',
        'esdb://admin:changeit@a:2113,b:2113?tls=true&tlsCAFile=/etc/sen/eventstore-ca/ca.crt',
        'kurrentdb+discover://a:2113,b:2113?tls=true',
      ]) {
        expect(esdb(url)().eventStoreUrl).toBe(url);
      }
    });

    it('refuses what the client cannot parse, naming the variable', () => {
      expect(esdb('http://eventstore:2113')).toThrow(/EVENTSTORE_URL: not an EventStoreDB connection string/);
      expect(esdb('esdb://a:port?tls=true')).toThrow(/EVENTSTORE_URL: not an EventStoreDB connection string/);
      expect(esdb('esdb://a:2113?tls=yes')).toThrow(/EVENTSTORE_URL: not an EventStoreDB connection string/);
    });

    it('refuses throwOnAppendFailure=false, which would turn concurrency errors into quiet results', () => {
      expect(esdb('esdb://a:2113?tls=false&throwOnAppendFailure=false')).toThrow(
        /EVENTSTORE_URL: throwOnAppendFailure=false is not supported/,
      );
    });

    it('is not checked when the event store is PostgreSQL (a ConfigMap may carry it for a later switch)', () => {
      expect(
        loadConfig({ EVENT_STORE: 'postgres', EVENTSTORE_URL: 'esdb+discover://a:2113,b:2113?tls=true' }).eventStore,
      ).toBe('postgres');
      expect(loadConfig({ EVENTSTORE_URL: 'not a url at all' }).eventStore).toBe('postgres');
    });
  });

  it("sets the idle-in-transaction timeout of Sen's connections, one minute unless configured", () => {
    expect(loadConfig({}).dbIdleInTransactionTimeoutMs).toBe(60_000);
    expect(loadConfig({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '30000' }).dbIdleInTransactionTimeoutMs).toBe(30_000);
    expect(() => loadConfig({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '10' })).toThrow(/DB_IDLE_IN_TRANSACTION_TIMEOUT_MS/);
  });

  it('takes a previous master key during a rotation, one version below the current', () => {
    const current = Buffer.alloc(32, 1).toString('base64');
    const previous = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_VERSION: '3', PII_MASTER_KEY_PREVIOUS: previous });
    expect(config.piiMasterKeyVersion).toBe(3);
    expect(config.piiPreviousMasterKey).toEqual(Buffer.alloc(32, 2));
    expect(loadConfig({}).piiMasterKeyVersion).toBe(1);
    expect(loadConfig({}).piiPreviousMasterKey).toBeNull();
    expect(() => loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_PREVIOUS: previous })).toThrow(/PII_MASTER_KEY_VERSION: must be 2 or more/);
    expect(() => loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_VERSION: '2', PII_MASTER_KEY_PREVIOUS: current })).toThrow(/must differ/);
    expect(() => loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_VERSION: '2', PII_MASTER_KEY_PREVIOUS: 'c2hvcnQ=' })).toThrow(/PII_MASTER_KEY_PREVIOUS: must be 32 bytes/);
    expect(() => loadConfig({ PII_MASTER_KEY_VERSION: 'two' })).toThrow(/PII_MASTER_KEY_VERSION/);
  });
});
