-- Security (DESIGN.md section 6): the access log of personal data reads, and login throttling.

-- Every read of a case's personal data: who, when, which case (and child), through which endpoint.
-- Append-only: no UPDATE, DELETE or TRUNCATE is allowed on it, whoever asks.
create table access_log (
  id         bigint generated always as identity primary key,
  at         timestamptz not null default now(),
  user_id    uuid not null,
  username   text not null,
  role       text not null,
  case_id    uuid,
  child_id   uuid,
  endpoint   text not null,
  method     text not null,
  request_id text not null,
  ip         text
);
create index access_log_case on access_log (case_id, at desc);
create index access_log_user on access_log (user_id, at desc);
create index access_log_at on access_log (at desc);

create function access_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'access_log is append-only' using errcode = '42501';
end;
$$;
create trigger access_log_no_update before update or delete on access_log
  for each row execute function access_log_append_only();
create trigger access_log_no_truncate before truncate on access_log
  for each statement execute function access_log_append_only();

-- Failed sign-ins per user: after several in a row, the account waits before the next try.
alter table users add column failed_logins int not null default 0;
alter table users add column locked_until timestamptz;
alter table users add column password_changed_at timestamptz;
