-- Indicator 12 and GET /dashboard/response-times at a province's size: a roll-up of the first responses kept by the
-- indicators projection, so that a query reads a bounded number of rows (grains x minutes bands) instead of every
-- case of the year (bench/scale: p95 1,226 ms for /indicators/12 at 300,000 cases before).
--
-- One row per year, area (every code of a case's area path, so "an area includes its children areas" is an
-- equality), grain (month 0 / category '*' / agency '*' mean "all"), outcome and band of minutes from report to
-- first response: `bucket` is the band's lower edge in minutes (-1 for `excluded`, which has no response).
-- `n` is the number of cases, `seconds` the sum of their seconds to the first response (a band's mean). Cases
-- without a response that are not excluded (pending, or missed with no response) depend on the clock and are
-- read live, through rm_indicator_cases_open.
create table rm_timeliness (
  year smallint not null,
  area_code text not null,
  month smallint not null,
  category text not null,
  agency text not null,
  outcome text not null check (outcome in ('met', 'missed', 'excluded')),
  bucket integer not null,
  -- No check n >= 0: an upsert's proposed row carries the delta (-1), and PostgreSQL checks it before the conflict.
  n integer not null,
  seconds bigint not null,
  primary key (year, area_code, month, category, agency, outcome, bucket)
);

create index rm_indicator_cases_open on rm_indicator_cases (reported_year)
  include (area_path, category, reported_month, first_response_due, verification, closed, closure_reason)
  where timely_followed and first_response_at is null;

-- Indicator 9 counts distinct children of the year's confirmed abuse cases under an area: with the area path in
-- the index the count is an index-only scan (after VACUUM, which a rebuild runs) instead of a heap read a case.
create index rm_indicator_cases_abuse_area on rm_indicator_cases (reported_year, child_id) include (area_path)
  where abuse and verification = 'confirmed';
drop index rm_indicator_cases_abuse;

-- rm_timeliness is filled by the indicators projection: replay it from the start (as `sen rebuild indicators`
-- does), so that a store with cases gets its roll-up. The projector picks it up; until it has caught up,
-- indicator reads wait or answer from fewer events, as after any rebuild.
truncate table rm_indicator_cases;
update projection_checkpoints
   set commit_position = -1, prepare_position = -1, last_position = -1, last_recorded_at = null, events_applied = 0, rebuilt_at = now()
 where name = 'indicators';
