-- Two holes in the global order (issue 20, point 2), and a stall metric that could not see (point 3, at the end).
--
-- 1. Revisions in lock order, transaction ids in assignment order. The global order is (transaction_id,
--    global_position) (00001_events), so a stream reads in revision order only if a later revision always has a
--    later transaction id. PostgreSQL assigns a transaction its id at its first write, and a writer waiting for a
--    stream's row lock by a plain UPDATE has already taken its id: under 'stream_exists', writer B could take id
--    99, writer A id 100 and the lock, A write revision 0 and commit, B then write revision 1 with id 99, and the
--    global order read revision 1 before revision 0 (measured: 52 such pairs in 1,000 appends of 20 writers on 10
--    streams). 'any' (an upsert locks the row before it takes its id) showed none, but only by the executor's
--    habit, not by anything sen_append held. Now every append first takes a transaction-scoped advisory
--    lock on its stream, which needs no transaction id, and only then writes: a writer's id is taken after the
--    previous writer of that stream has committed, so it is larger. 'any' never fails and never retries.
-- 2. That holds only if the transaction had no id before the append. An append inside a caller's transaction that
--    has already written (or appended to another stream) could get revision 2 with an id older than revision 1's;
--    such an append is refused with SQLSTATE 'SEN02'. One append per transaction, as its first write.
create or replace function sen_append(p_stream_id text, p_expected_kind text, p_expected bigint, p_events jsonb)
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
  if pg_current_xact_id_if_assigned() is not null then
    raise exception 'sen_append in a transaction that has already written (transaction id %)', pg_current_xact_id_if_assigned()
      using errcode = 'SEN02',
            hint = 'Append in a transaction of its own, or as the transaction''s first write: the global order needs the append''s transaction id to be taken after the stream''s lock.';
  end if;
  -- 7360017: Sen's lock class for streams (the two-int form, apart from the one-bigint locks of migrations and projector).
  perform pg_advisory_xact_lock(7360017, hashtext(p_stream_id));

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

-- 3. The stall metric. sen_event_store_oldest_transaction_seconds reads xact_start from pg_stat_activity, which
--    PostgreSQL shows only for a role's own sessions unless the role has pg_read_all_stats (or is a superuser).
--    Production connects as `sen`, an owner but no superuser: the metric read 0 while another role's transaction
--    held every projection back. The role that runs the migrations (Sen's own) grants itself pg_read_all_stats
--    when it may (a superuser, or up to PostgreSQL 15 a role with CREATEROLE); when it may not, the migration
--    still applies and says what a superuser must run once (deploy/OPERATIONS.md, "Health and metrics").
do $$
begin
  if not exists (select 1 from pg_roles where rolname = current_user and rolsuper)
     and not pg_has_role(current_user, 'pg_read_all_stats', 'member') then
    begin
      execute format('grant pg_read_all_stats to %I', current_user);
    exception when insufficient_privilege then
      raise warning 'Sen: role % cannot see when other sessions'' transactions started, so the stall metric reads 0', current_user
        using hint = format('Have a superuser run once: GRANT pg_read_all_stats TO %I;', current_user);
    end;
  end if;
end
$$;
