-- Indicators 9 and 13 at a province's size: counts kept by the indicators projection, like rm_timeliness (00011),
-- instead of a count over the year's case rows (bench/scale at 1,000,000 cases: 255,000 confirmed abuse cases in
-- a year, p95 165 ms for /indicators/9; 38,000 marriage outcomes read from the heap, 126 ms for /indicators/13).
-- Every code of a case's area path has its rows, so an area includes its children areas by equality.

-- Indicator 9: a row per year, area and child with a confirmed abuse case reported that year there (n cases) ...
create table rm_abused_children (
  year smallint not null,
  area_code text not null,
  child_id uuid not null,
  n integer not null, -- no check n >= 0: an upsert's proposed row carries the delta
  primary key (year, area_code, child_id)
);
-- ... and per year and area the number of such children (n) and of their cases: the indicator's numerator.
create table rm_abused_counts (
  year smallint not null,
  area_code text not null,
  n integer not null,
  cases bigint not null,
  primary key (year, area_code)
);

-- Indicator 13: child marriage outcomes by the year they happened, area and outcome.
create table rm_marriages (
  year smallint not null,
  area_code text not null,
  outcome text not null,
  n integer not null,
  primary key (year, area_code, outcome)
);

-- Fill them: replay the indicators projection from the start (as `sen rebuild indicators` does).
truncate table rm_indicator_cases, rm_timeliness;
update projection_checkpoints
   set commit_position = -1, prepare_position = -1, last_position = -1, last_recorded_at = null, events_applied = 0, rebuilt_at = now()
 where name = 'indicators';
