-- Progress of `sen migrate-events` (copying one event store into another, stream by stream): one row per
-- (source, target) pair, so that an interrupted copy resumes after the last stream it finished. The copy itself
-- is idempotent (it compares the target's revision with the source's before it appends); this table only saves
-- the re-reading of the streams already done. Ids name the stores without credentials.
create table event_store_migrations (
  id              text primary key,
  source          text not null,
  target          text not null,
  last_stream_id  text,
  streams_done    bigint not null default 0,
  events_examined bigint not null default 0,
  events_copied   bigint not null default 0,
  started_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  finished_at     timestamptz
);
