-- Issue 15, points 5 and 6: sessions that end when they should, and sign-in throttling nobody can turn on a worker.

-- Every token carries its user's token version; a password change, a deactivation or reactivation and a sign-out
-- raise it, and a token of an older version is refused.
alter table users add column token_version int not null default 0;

-- Failed sign-ins, per (submitted username, client address) and per client address. The key is a SHA-256 of the
-- kind, the username and the address: the table names no account and no address, and an unknown username is
-- counted exactly like a known one (so a 429 tells nothing about which accounts exist).
create table login_throttle (
  key             text primary key,
  failures        int not null,
  last_failure_at timestamptz not null,
  locked_until    timestamptz
);
create index login_throttle_last_failure on login_throttle (last_failure_at);
