-- The event store: one stream per case (`case-<caseId>`), one row per event, the only source of truth.
--
-- Global order. Positions come from an identity sequence, and sequence values are handed out in the order
-- transactions *insert*, not the order they *commit*: a transaction may take position 10, stay open, and
-- commit after another has taken and committed position 11. A reader that had advanced past 11 would never
-- see 10. So readers do not follow `global_position` alone; they follow (transaction_id, global_position) and
-- read only events whose transaction id is below the xmin of their snapshot (pg_snapshot_xmin): every
-- transaction below xmin has finished (committed or rolled back), so no event can later appear below the
-- point a reader has reached. Any transaction that commits later has an id at or above xmin and sorts after.
-- What stalls it: one long-open transaction that has an xid (anywhere in the cluster) holds xmin back, and
-- readers wait for it; `sen_event_store_oldest_transaction_seconds` and `sen_event_store_held_back_events`
-- show it (see libs/event-store/README.md).

create table streams (
  stream_id   text primary key,
  -- revision of the last event (0-based); a stream that exists has at least one event
  revision    bigint not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table events (
  global_position bigint generated always as identity primary key,
  transaction_id  xid8 not null default pg_current_xact_id(),
  stream_id       text not null references streams (stream_id),
  stream_revision bigint not null,
  event_id        uuid not null unique,
  type            text not null,
  data            jsonb not null,
  metadata        jsonb not null,
  recorded_at     timestamptz not null default now(),
  unique (stream_id, stream_revision)
);

create index events_global_order on events (transaction_id, global_position);

-- Append events to a stream in one round trip and one transaction.
-- p_expected_kind: 'no_stream' | 'any' | 'stream_exists' | 'exact' (then p_expected is the revision read).
-- p_events: a JSON array of {eventId, type, data, metadata}.
-- A stale expectation raises SQLSTATE 'SEN01' with the actual revision (-1 for no stream) in DETAIL.
create function sen_append(p_stream_id text, p_expected_kind text, p_expected bigint, p_events jsonb)
returns table (next_revision bigint, last_position bigint, txid bigint)
language plpgsql as $$
declare
  v_count bigint := jsonb_array_length(p_events);
  v_current bigint;
  v_actual bigint;
begin
  if v_count = 0 then
    raise exception 'nothing to append' using errcode = '22023';
  end if;

  if p_expected_kind = 'no_stream' then
    insert into streams (stream_id, revision) values (p_stream_id, v_count - 1)
      on conflict (stream_id) do nothing;
    if not found then
      select revision into v_actual from streams where stream_id = p_stream_id;
      raise exception 'stream % already exists', p_stream_id using errcode = 'SEN01', detail = coalesce(v_actual, -1)::text;
    end if;
    v_current := -1;
  elsif p_expected_kind = 'any' then
    insert into streams (stream_id, revision) values (p_stream_id, v_count - 1)
      on conflict (stream_id) do update set revision = streams.revision + v_count, updated_at = now()
      returning revision - v_count into v_current;
  elsif p_expected_kind = 'stream_exists' then
    update streams set revision = revision + v_count, updated_at = now()
      where stream_id = p_stream_id
      returning revision - v_count into v_current;
    if not found then
      raise exception 'stream % does not exist', p_stream_id using errcode = 'SEN01', detail = '-1';
    end if;
  elsif p_expected_kind = 'exact' then
    update streams set revision = revision + v_count, updated_at = now()
      where stream_id = p_stream_id and revision = p_expected
      returning p_expected into v_current;
    if not found then
      select revision into v_actual from streams where stream_id = p_stream_id;
      raise exception 'stream % is at revision %, not %', p_stream_id, coalesce(v_actual, -1), p_expected
        using errcode = 'SEN01', detail = coalesce(v_actual, -1)::text;
    end if;
  else
    raise exception 'unknown expected revision kind %', p_expected_kind using errcode = '22023';
  end if;

  return query
  with inserted as (
    insert into events (stream_id, stream_revision, event_id, type, data, metadata)
    select p_stream_id, v_current + e.ord, (e.value ->> 'eventId')::uuid, e.value ->> 'type',
           e.value -> 'data', e.value -> 'metadata'
      from jsonb_array_elements(p_events) with ordinality as e(value, ord)
     order by e.ord
    returning global_position
  )
  select v_current + v_count, (select max(global_position) from inserted), pg_current_xact_id()::text::bigint;
end;
$$;
