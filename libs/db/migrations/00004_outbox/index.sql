-- Delivery without loss (issue: referrals). The projector writes an outbox row in the same transaction as its
-- checkpoint when it sees an event that must reach a queue; the relay moves unsent rows to BullMQ with the
-- row's dedupe key as the job id (a repeat is a no-op) and marks them sent. Rows are never written twice for
-- one key (a rebuild replays into `on conflict do nothing`).
create table outbox (
  id           bigint generated always as identity primary key,
  dedupe_key   text not null unique,
  queue        text not null,
  job_name     text not null,
  payload      jsonb not null,
  -- a timer's job is delayed until then; deliveries are due at once
  run_at       timestamptz not null,
  created_at   timestamptz not null default now(),
  sent_at      timestamptz,
  attempts     int not null default 0,
  last_error   text
);
create index outbox_unsent on outbox (id) where sent_at is null;

-- What the worker did with each referral job: one row per referral, whatever the retries. `pending` while
-- the agency's notifier is being called, `delivered` once it answered; a job for a delivered referral is a
-- no-op. Each step is its own short statement: no transaction stays open across a network call.
create table referral_deliveries (
  referral_id  uuid primary key,
  case_id      uuid not null,
  agency       text not null,
  queue        text not null,
  status       text not null check (status in ('pending', 'delivered')),
  first_seen_at timestamptz not null default now(),
  delivered_at timestamptz,
  channel      text,
  attempts     int not null default 1,
  -- who is calling the notifier now, until when: a second worker handed the same job (a lock that lapsed
  -- under load) waits instead of calling too; a claim left by a killed worker lapses.
  claim_token      text,
  claim_expires_at timestamptz
);

-- Escalations put before supervisors: an unmet deadline, with the supervisors of the case's area.
create table escalation_notices (
  dedupe_key   text primary key,
  case_id      uuid not null,
  kind         text not null,
  ref_id       text not null default '',
  area_code    text not null,
  supervisors  text[] not null,
  due_at       timestamptz,
  created_at   timestamptz not null default now(),
  notified_at  timestamptz,
  acknowledged_by text,
  acknowledged_at timestamptz
);
create index escalation_notices_open on escalation_notices (created_at desc) where acknowledged_at is null;
