import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import type { Sql } from '@sen/db';
import { LOGGER, SQL } from '@sen/platform';

/** A limit on failed sign-ins: free tries within a window, then waits of 1, 2, 4 … up to 60 minutes. */
interface Rule {
  kind: 'account' | 'address';
  free: number;
  /** A failure older than this no longer counts: the next one starts the count over. */
  windowMinutes: number;
}

/**
 * Per (username, address): five tries, as before, but only from the address they came from, so that an attacker
 * elsewhere cannot lock a worker out. Per address: a guesser who walks through many usernames from one place.
 * Offices behind one NAT address share the second limit; twenty failures in fifteen minutes is far above what a
 * commune office mistypes.
 */
export const LOGIN_RULES: Record<Rule['kind'], Rule> = {
  account: { kind: 'account', free: 5, windowMinutes: 60 },
  address: { kind: 'address', free: 20, windowMinutes: 15 },
};

export interface Attempt {
  /** As submitted (known or not: both are counted alike). */
  username: string;
  /** The client's address as Express resolved it under TRUST_PROXY. */
  address: string;
}

const keyOf = (rule: Rule, a: Attempt) =>
  createHash('sha256')
    .update(
      rule.kind === 'account' ? `account\n${a.username.trim().toLowerCase()}\n${a.address}` : `address\n${a.address}`,
    )
    .digest('hex');

/**
 * Sign-in throttling in PostgreSQL (shared by every API replica). A known and an unknown username go through
 * exactly the same statements and get the same answers, so a 429 says nothing about which accounts exist. Every
 * failure counts in `sen_login_failures_total` (an alert in deploy/prometheus/auth-alerts.yml watches for bursts)
 * and is logged with the username and address, never the password.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: Counter<'reason'>;

  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(LOGGER) private readonly logger: Logger,
    registry: Registry,
  ) {
    this.failures = new Counter({
      name: 'sen_login_failures_total',
      help: 'Failed sign-ins: wrong username or password (bad_credentials) or refused while throttled (throttled)',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  /** Until when this attempt must wait (null: it may go ahead). */
  async lockedUntil(a: Attempt): Promise<Date | null> {
    const keys = Object.values(LOGIN_RULES).map((r) => keyOf(r, a));
    const [row] = await this.sql<{ until: Date | null }[]>`
      select max(locked_until) as until from login_throttle where key in ${this.sql(keys)} and locked_until > now()`;
    return row?.until ?? null;
  }

  /** Counts a failure under every rule; returns until when the attempt's username and address now wait. */
  async recordFailure(a: Attempt): Promise<Date | null> {
    let until: Date | null = null;
    for (const rule of Object.values(LOGIN_RULES)) {
      // One statement under the row's lock: concurrent failures each count. In DO UPDATE, t is the row before.
      const n = this
        .sql`(case when t.last_failure_at > now() - make_interval(mins => ${rule.windowMinutes}) then t.failures + 1 else 1 end)`;
      const [row] = await this.sql<{ locked_until: Date | null }[]>`
        insert into login_throttle as t (key, failures, last_failure_at, locked_until)
        values (${keyOf(rule, a)}, 1, now(), null)
        on conflict (key) do update set
          failures = ${n},
          last_failure_at = now(),
          locked_until = case when ${n} >= ${rule.free}
            then now() + make_interval(mins => least(60, power(2, ${n} - ${rule.free})::int)) end
        returning t.locked_until`;
      if (row?.locked_until && (!until || row.locked_until > until)) until = row.locked_until;
    }
    this.failures.inc({ reason: 'bad_credentials' });
    // The username and where it came from, for the admins; never the password.
    this.logger.warn(
      { username: a.username.slice(0, 100), address: a.address, lockedUntil: until?.toISOString() },
      'sign-in failed',
    );
    return until;
  }

  /** A refused attempt while throttled: counted and logged, the wait unchanged. */
  recordThrottled(a: Attempt): void {
    this.failures.inc({ reason: 'throttled' });
    this.logger.warn({ username: a.username.slice(0, 100), address: a.address }, 'sign-in refused: throttled');
  }

  /** A success clears its (username, address) count; the address's count stays (a guesser with one good account must not reset it). */
  async recordSuccess(a: Attempt): Promise<void> {
    await this.sql`delete from login_throttle where key = ${keyOf(LOGIN_RULES.account, a)}`;
  }
}
