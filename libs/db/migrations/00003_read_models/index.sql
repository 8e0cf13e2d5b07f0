-- Read models: projections of the event log. Each projection's rows and its checkpoint change in one
-- transaction, so a crash at any instant neither loses nor doubles an effect. Every table here can be
-- truncated and rebuilt from position zero (`npm run sen -- rebuild <name|all>`).

create extension if not exists pg_trgm;

-- Where each projection stands in the event store's global order: (commit, prepare) is the checkpoint of the
-- last event applied (PostgreSQL: transaction id and position; EventStoreDB: its $all position).
create table projection_checkpoints (
  name             text primary key,
  commit_position  bigint not null default -1,
  prepare_position bigint not null default -1,
  last_position    bigint not null default -1,
  last_recorded_at timestamptz,
  events_applied   bigint not null default 0,
  rebuilt_at       timestamptz
);

-- The case list and case summary (GET /cases). child_name and search_text are personal data: they are
-- overwritten when the child's data is erased.
create table rm_cases (
  case_id              uuid primary key,
  child_id             uuid not null,
  child_name           text not null,
  search_text          text not null,
  sex                  text,
  age_years            int,
  category             text not null,
  status               text not null,
  status_before_close  text,
  risk_level           text,
  verification         text,
  area_code            text not null,
  area_path            text[] not null,
  level                text not null,
  source               text not null,
  reported_at          timestamptz not null,
  opened_at            timestamptz not null,
  opened_by            text not null,
  assignee_id          text,
  incident_id          uuid,
  first_response_due   timestamptz,
  first_response_at    timestamptz,
  plan_due             timestamptz not null,
  plan_proposed_at     timestamptz,
  plan_status          text,
  referrals            jsonb not null,
  open_referrals       int not null,
  next_due_at          timestamptz,
  escalated            boolean not null,
  closed_at            timestamptz,
  closure_reason       text,
  personal_data_erased boolean not null,
  version              int not null,
  last_event_at        timestamptz not null
);
create index rm_cases_order on rm_cases (reported_at desc, case_id desc);
create index rm_cases_area on rm_cases using gin (area_path);
create index rm_cases_status on rm_cases (status, reported_at desc);
create index rm_cases_category on rm_cases (category, reported_at desc);
create index rm_cases_next_due on rm_cases (next_due_at) where next_due_at is not null;
create index rm_cases_child on rm_cases (child_id);
create index rm_cases_incident on rm_cases (incident_id) where incident_id is not null;
create index rm_cases_search on rm_cases using gin (search_text gin_trgm_ops);

-- Referrals by agency and status: the agency inboxes. Only what the receiving agency needs to know of the
-- case is here (child's given name, age, sex, category, risk, area, reason): never the reporter or notes.
create table rm_referrals (
  referral_id          uuid primary key,
  case_id              uuid not null,
  to_agency            text not null,
  unit_code            text,
  status               text not null,
  urgency              text not null,
  reason               text not null,
  issued_at            timestamptz not null,
  issued_by            text not null,
  acknowledge_by       timestamptz not null,
  due_at               timestamptz not null,
  acknowledged_at      timestamptz,
  accepted_at          timestamptz,
  declined_at          timestamptz,
  decline_reason       text,
  completed_at         timestamptz,
  outcome              text,
  services_provided    text[],
  overdue              text[] not null,
  area_code            text not null,
  area_path            text[] not null,
  child_given_name     text not null,
  child_age_years      int,
  child_sex            text,
  category             text not null,
  risk_level           text,
  case_status          text not null,
  case_version         int not null
);
create index rm_referrals_inbox on rm_referrals (to_agency, status, issued_at desc);
create index rm_referrals_case on rm_referrals (case_id);
create index rm_referrals_area on rm_referrals using gin (area_path);

-- Every deadline of every case, due or met: what the worker's sweep and the supervisors' "overdue now" read.
-- status: open (not done), met (done by the deadline), missed (done late), cancelled (case closed, or a
-- referral declined, before it was done).
create table rm_deadlines (
  case_id     uuid not null,
  kind        text not null check (kind in ('first_response', 'plan', 'referral_acknowledge', 'referral_complete')),
  ref_id      text not null default '',
  due_at      timestamptz not null,
  done_at     timestamptz,
  status      text not null,
  agency      text,
  urgency     text,
  category    text not null,
  area_code   text not null,
  area_path   text[] not null,
  reported_at timestamptz not null,
  case_closed boolean not null,
  declined    boolean not null,
  primary key (case_id, kind, ref_id)
);
create index rm_deadlines_open on rm_deadlines (due_at) where status = 'open';
create index rm_deadlines_area on rm_deadlines using gin (area_path);

-- What the referrals projection keeps of each case to fill the need-to-know part of its inbox rows.
create table rm_referral_context (
  case_id             uuid primary key,
  child_given_name    text not null,
  child_age_years     int,
  child_sex           text,
  category            text not null,
  risk_level          text,
  area_code           text not null,
  area_path           text[] not null,
  case_status         text not null,
  status_before_close text,
  case_version        int not null
);
