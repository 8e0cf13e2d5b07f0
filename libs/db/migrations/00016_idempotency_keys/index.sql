-- Idempotency keys of requests that write more than one stream (POST /incidents/:id/children), bound to the
-- user who sent them and a keyed digest of the body (issue 15, point 9). POST /cases needs no row here: its
-- CaseOpened event carries the key and the digest in its metadata.
create table idempotency_keys (
  user_id        uuid not null,
  scope          text not null,
  key            text not null,
  request_digest text not null,
  created_at     timestamptz not null default now(),
  primary key (user_id, scope, key)
);
