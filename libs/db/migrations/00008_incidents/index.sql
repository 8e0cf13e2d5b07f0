-- Disasters (issue: disasters): incidents, the children registered for them, and family tracing.
-- The children's cases are event-sourced like every case (CaseOpened carries the incident id); these tables
-- hold what is about the incident itself and the tracing requests of families.

create table incidents (
  incident_id uuid primary key,
  type        text not null check (type in ('flood', 'storm', 'landslide', 'fire', 'epidemic', 'other')),
  name        text not null,
  area_codes  text[] not null,
  area_path   text[] not null,
  started_at  timestamptz not null,
  description text not null default '',
  created_by  uuid not null,
  created_at  timestamptz not null default now()
);
create index incidents_area on incidents using gin (area_path);

-- One row per child registered through an incident batch: the flags the registration row carried (the case
-- itself is in the event store). Written after the case's append, and again on a retry (upsert).
create table incident_registrations (
  case_id       uuid primary key,
  incident_id   uuid not null references incidents (incident_id),
  child_id      uuid not null,
  batch_key     text,
  row_index     int not null,
  injured       boolean not null default false,
  separated     boolean not null default false,
  unaccompanied boolean not null default false,
  registered_at timestamptz not null default now()
);
create index incident_registrations_incident on incident_registrations (incident_id);

-- A family looking for a child. The requester's and the child's names are personal data: erasing a child
-- blanks the requests matched to them, and requests are visible only to social workers and supervisors.
create table tracing_requests (
  request_id          uuid primary key,
  incident_id         uuid references incidents (incident_id),
  requester_name      text not null,
  requester_phone     text not null,
  requester_relation  text not null,
  sought_name         text not null,
  sought_name_folded  text not null,
  sought_sex          text,
  sought_age_years    int,
  last_seen_area_code text not null,
  last_seen_at        timestamptz,
  description         text not null default '',
  status              text not null check (status in ('open', 'matched', 'reunited', 'closed')),
  matched_case_id     uuid,
  matched_child_id    uuid,
  area_path           text[] not null,
  created_by          uuid not null,
  created_at          timestamptz not null default now(),
  reunited_at         timestamptz
);
create index tracing_requests_incident on tracing_requests (incident_id);
create index tracing_requests_area on tracing_requests using gin (area_path);

-- Every decision on a proposed match, so a rejected child is not proposed again for that request.
create table tracing_decisions (
  request_id uuid not null references tracing_requests (request_id),
  case_id    uuid not null,
  decision   text not null check (decision in ('confirmed', 'rejected')),
  score      real not null,
  decided_by uuid not null,
  decided_at timestamptz not null default now(),
  primary key (request_id, case_id)
);

-- The case list learns when a child was reunited with their family (SupportProvided family_reunification).
alter table rm_cases add column reunified_at timestamptz;
