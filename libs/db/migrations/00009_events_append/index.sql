-- Appends without the events → streams foreign key.
--
-- The key cost every append a trigger call per event, and a KEY SHARE lock on the stream's row that the
-- append had just inserted or updated: one more heap write and WAL record on the hottest row of the append.
-- bench/append.bench.ts measured it (existing streams, 16 callers, one event a call, the two schemas in turn on
-- one server): about 15 % more events/s without it, 13 % for batches of ten. What the key guarded holds by
-- construction: sen_append is the only writer of `events`, and it inserts or updates the stream's row in the
-- same transaction, before the events (and streams rows are never deleted).
alter table events drop constraint events_stream_id_fkey;
