import { ConfigError, DEMO_JWT_SECRET, DEMO_PII_MASTER_KEY, loadConfig, parseTrustProxy } from './config';

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
    const good = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      PII_MASTER_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7)).toString('base64'),
    };
    expect(() => loadConfig({ ...good, SEN_DEMO: '1' })).toThrow(/SEN_DEMO/);
    expect(loadConfig(good).demo).toBe(false);
  });

  it('requires EVENTSTORE_URL for the esdb store', () => {
    expect(() => loadConfig({ EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_URL: required/);
    expect(loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' }).eventStore).toBe(
      'esdb',
    );
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
    const config = loadConfig({
      PII_MASTER_KEY: current,
      PII_MASTER_KEY_VERSION: '3',
      PII_MASTER_KEY_PREVIOUS: previous,
    });
    expect(config.piiMasterKeyVersion).toBe(3);
    expect(config.piiPreviousMasterKey).toEqual(Buffer.alloc(32, 2));
    expect(loadConfig({}).piiMasterKeyVersion).toBe(1);
    expect(loadConfig({}).piiPreviousMasterKey).toBeNull();
    expect(() => loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_PREVIOUS: previous })).toThrow(
      /PII_MASTER_KEY_VERSION: must be 2 or more/,
    );
    expect(() =>
      loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_VERSION: '2', PII_MASTER_KEY_PREVIOUS: current }),
    ).toThrow(/must differ/);
    expect(() =>
      loadConfig({ PII_MASTER_KEY: current, PII_MASTER_KEY_VERSION: '2', PII_MASTER_KEY_PREVIOUS: 'c2hvcnQ=' }),
    ).toThrow(/PII_MASTER_KEY_PREVIOUS: must be 32 bytes/);
    expect(() => loadConfig({ PII_MASTER_KEY_VERSION: 'two' })).toThrow(/PII_MASTER_KEY_VERSION/);
  });

  describe('in production (issue 15, point 13)', () => {
    const good = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      PII_MASTER_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)).toString('base64'),
    };

    it('refuses the demo master key however it is encoded (base64url, padded with spaces)', () => {
      const demoBytes = Buffer.from(DEMO_PII_MASTER_KEY, 'base64');
      expect(() => loadConfig({ ...good, PII_MASTER_KEY: demoBytes.toString('base64url') })).toThrow(
        /PII_MASTER_KEY: production needs a key of its own/,
      );
      expect(() => loadConfig({ ...good, PII_MASTER_KEY: ` ${DEMO_PII_MASTER_KEY}\n` })).toThrow(
        /PII_MASTER_KEY: production needs a key of its own/,
      );
    });

    it('refuses an all-zero, a one-byte-repeated or a short master key', () => {
      expect(() => loadConfig({ ...good, PII_MASTER_KEY: Buffer.alloc(32).toString('base64') })).toThrow(
        /PII_MASTER_KEY: production needs a key of its own/,
      );
      expect(() => loadConfig({ ...good, PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') })).toThrow(
        /PII_MASTER_KEY/,
      );
      expect(() => loadConfig({ ...good, PII_MASTER_KEY: Buffer.alloc(31, 9).toString('base64') })).toThrow(
        /PII_MASTER_KEY: must be 32 bytes/,
      );
      expect(() => loadConfig({ ...good, PII_MASTER_KEY: 'not base64 at all!' })).toThrow(
        /PII_MASTER_KEY: must be 32 bytes/,
      );
      expect(loadConfig(good).piiMasterKey).toHaveLength(32);
    });

    it('trims the JWT secret: a whitespace-padded demo secret or a padded short one is refused', () => {
      expect(() => loadConfig({ ...good, JWT_SECRET: `  ${DEMO_JWT_SECRET}  ` })).toThrow(
        /JWT_SECRET: production needs a secret of its own/,
      );
      expect(() => loadConfig({ ...good, JWT_SECRET: `${'s'.repeat(20)}${' '.repeat(20)}` })).toThrow(
        /JWT_SECRET: must be at least 32 characters/,
      );
      expect(() => loadConfig({ ...good, JWT_SECRET: ' '.repeat(40) })).toThrow(
        /JWT_SECRET: production needs a secret/,
      );
      expect(loadConfig({ ...good, JWT_SECRET: ` ${'k'.repeat(40)} ` }).jwtSecret).toBe('k'.repeat(40));
    });

    it('serves /docs only when DOCS_PUBLIC is true, and takes a METRICS_TOKEN of at least 16 characters', () => {
      expect(loadConfig(good)).toMatchObject({ docsPublic: false, metricsToken: null });
      expect(loadConfig({ ...good, DOCS_PUBLIC: 'true', METRICS_TOKEN: 'm'.repeat(32) })).toMatchObject({
        docsPublic: true,
        metricsToken: 'm'.repeat(32),
      });
      expect(loadConfig({}).docsPublic).toBe(true);
      expect(() => loadConfig({ ...good, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
      expect(() => loadConfig({ DOCS_PUBLIC: 'maybe' })).toThrow(/DOCS_PUBLIC/);
    });
  });

  describe('TRUST_PROXY (issue 15, point 4)', () => {
    it('trusts no proxy by default', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'none' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    });

    it('takes a hop count or a list of addresses and CIDR ranges, as Express does', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1, fd00::/8,loopback' }).trustProxy).toEqual([
        '10.0.0.0/8',
        '192.168.1.5',
        '::1',
        'fd00::/8',
        'loopback',
      ]);
    });

    it('names a bad entry', () => {
      expect(parseTrustProxy('10.0.0.0/33').problem).toMatch(/TRUST_PROXY.*10\.0\.0\.0\/33/);
      expect(parseTrustProxy('proxy.example.org').problem).toMatch(/TRUST_PROXY/);
      expect(parseTrustProxy('99').problem).toMatch(/hop count/);
      expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    });
  });
});
