-- Events a projection could not apply (issue 15): parked, so that one poison event stops neither the other
-- projections nor the rest of the log. The projector skips a parked event for that projection only, in the
-- transaction that moves the projection's checkpoint; and once a case's stream has a parked event in a projection,
-- the later events of that stream are parked behind it there (status 'parked', error_code 'BEHIND_PARKED'), so
-- that a replay applies them in their order. No personal data here: ids, the event type, and an error code and
-- message chosen by the projector (never the failing value).
create table projection_parked_events (
  id              bigint generated always as identity primary key,
  projection      text not null,
  stream_id       text not null,
  stream_revision bigint not null,
  global_position bigint not null,
  event_id        uuid,
  event_type      text not null,
  error_code      text not null,
  error_message   text not null,
  status          text not null default 'parked' check (status in ('parked', 'replayed')),
  parked_at       timestamptz not null default now(),
  attempts        int not null default 0,
  last_attempt_at timestamptz,
  replayed_at     timestamptz,
  unique (projection, global_position)
);

-- The projector asks at every batch which of its streams are parked: an index over the (few) parked rows only.
create index projection_parked_events_open on projection_parked_events (projection, stream_id) where status = 'parked';
