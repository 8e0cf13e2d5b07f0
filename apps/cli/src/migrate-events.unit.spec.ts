import { parseStoreSpecs, storeLabel } from './migrate-events.command';

const env = {
  databaseUrl: 'postgres://sen:secret@db:5432/sen',
  eventStoreUrl: 'esdb://admin:changeit@es:2113?tls=true',
};

describe('migrate-events command line', () => {
  it('takes DATABASE_URL and EVENTSTORE_URL as the default stores', () => {
    expect(parseStoreSpecs({ from: 'postgres', to: 'esdb' }, env)).toEqual({
      from: { kind: 'postgres', url: env.databaseUrl },
      to: { kind: 'esdb', url: env.eventStoreUrl },
    });
  });

  it('names stores without their credentials', () => {
    expect(storeLabel({ kind: 'postgres', url: env.databaseUrl })).toBe('postgres:db:5432/sen');
    expect(storeLabel({ kind: 'esdb', url: env.eventStoreUrl })).toBe('esdb:es:2113?tls=true');
  });

  it('says what is wrong with each bad option', () => {
    expect(() => parseStoreSpecs({ from: 'mysql' }, env)).toThrow(
      /--from must be postgres or esdb \(got "mysql"\)[\s\S]*--to is required/,
    );
    expect(() => parseStoreSpecs({ from: 'postgres', to: 'esdb' }, { ...env, eventStoreUrl: null })).toThrow(
      /--to-url \(or EVENTSTORE_URL\) is required/,
    );
    expect(() => parseStoreSpecs({ from: 'postgres', to: 'esdb', toUrl: 'http://es:2113' }, env)).toThrow(
      /must be an esdb:\/\/ URL/,
    );
    expect(() => parseStoreSpecs({ from: 'postgres', to: 'postgres' }, env)).toThrow(
      /source and target are the same store/,
    );
  });

  it('accepts the same kind twice when the URLs differ', () => {
    expect(
      parseStoreSpecs({ from: 'postgres', to: 'postgres', toUrl: 'postgres://sen@db2:5432/sen' }, env).to.url,
    ).toBe('postgres://sen@db2:5432/sen');
  });
});
