-- The plan's 24 indicators (seeds/indicators.json), the child population that indicator 9 divides by
-- (seeds/population.json), the figures lead agencies enter for the 21 indicators Sen does not compute, and
-- the per-case read model that indicators 9, 12 and 13 and the response-time dashboard are computed from.

create table indicators (
  number            int primary key check (number between 1 and 99),
  goal              int not null,
  name_vi           text not null,
  name_en           text not null,
  lead_agency       text not null,
  lead_agency_vi    text not null,
  computed          boolean not null,
  support_agencies  text[] not null default '{}',
  data_suppliers    text[] not null default '{}',
  note              text
);

-- One row per sub-target of an indicator (35 in all). A range target (indicator 13: a yearly reduction of 2 to
-- 3 %) keeps its lower end in target_20xx and its upper end in target_20xx_max; null: no target that year.
create table indicator_targets (
  target_key          text primary key,
  indicator_number    int not null references indicators (number),
  position            int not null,
  label_vi            text not null,
  label_en            text not null,
  unit                text not null,
  direction           text not null check (direction in ('at_most', 'below', 'at_least', 'above', 'reduce_by')),
  direction_by_year   jsonb not null default '{}',
  target_2025         numeric,
  target_2025_max     numeric,
  target_2030         numeric,
  target_2030_max     numeric,
  note                text,
  unique (indicator_number, position)
);

-- Children under 16 by area and year (estimates; seeds/README.md says how they were made).
create table population (
  area_code  text not null references areas (code),
  year       int not null,
  children   int not null check (children >= 0),
  primary key (area_code, year)
);

-- The figure in force for a sub-target, a year and an area, as its lead agency last entered it.
create table indicator_figures (
  target_key      text not null references indicator_targets (target_key),
  year            int not null,
  area_code       text not null references areas (code),
  value           numeric not null,
  note            text,
  entered_by      uuid not null,
  entered_role    text not null,
  entered_agency  text,
  entered_at      timestamptz not null,
  primary key (target_key, year, area_code)
);

-- Every figure ever entered, append-only: who changed a published figure, and from what.
create table indicator_figure_entries (
  entry_id        bigint generated always as identity primary key,
  target_key      text not null references indicator_targets (target_key),
  year            int not null,
  area_code       text not null references areas (code),
  value           numeric not null,
  note            text,
  entered_by      uuid not null,
  entered_role    text not null,
  entered_agency  text,
  entered_at      timestamptz not null
);
create index indicator_figure_entries_key on indicator_figure_entries (target_key, year, area_code, entry_id);

-- Read model `indicators`: one row per case with what indicators 9, 12 and 13 and the response-time dashboard
-- count, and nothing personal (child_id is a random id, used only to count distinct children). Years and months
-- are Vietnam's (UTC+7). The area is where the case is now: a transfer moves the case's figures with it.
-- Whether a first response is pending or missed depends on "now", so it is decided by the queries, never here.
create table rm_indicator_cases (
  case_id             uuid primary key,
  child_id            uuid not null,
  category            text not null,
  abuse               boolean not null,
  timely_followed     boolean not null,
  area_code           text not null,
  area_path           text[] not null,
  reported_at         timestamptz not null,
  reported_year       int not null,
  reported_month      int not null,
  verification        text,
  first_response_due  timestamptz,
  first_response_at   timestamptz,
  first_response_by   text,
  closed              boolean not null,
  closure_reason      text,
  marriage_outcome    text,
  marriage_at         timestamptz,
  marriage_year       int
);
create index rm_indicator_cases_area on rm_indicator_cases using gin (area_path);
-- Indicator 9: confirmed abuse, by year, children counted once (an index-only scan over the year's rows).
create index rm_indicator_cases_abuse on rm_indicator_cases (reported_year, child_id) where abuse and verification = 'confirmed';
-- Indicator 12 and the dashboard: cases with a first-response deadline, by year and month.
create index rm_indicator_cases_timely on rm_indicator_cases (reported_year, reported_month) where timely_followed;
-- Indicator 13: child marriages by the year of the outcome.
create index rm_indicator_cases_marriage on rm_indicator_cases (marriage_year, marriage_outcome) where marriage_outcome is not null;
