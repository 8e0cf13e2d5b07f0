-- GET /dashboard/overdue's total at a province's size (issue 20, point 11): the exact count of open deadlines past
-- due in the user's areas read every open deadline past due (126,000 at 1,000,000 cases, 60 ms and up to 1.2 s).
-- A count that depends on the clock cannot be kept as such, but the open deadlines per day they fall due can: the
-- deadlines projection keeps this roll-up, and the query sums the days before today (UTC) and counts today's
-- deadlines live, up to `now`.
--
-- One row per area (every code of a deadline's area path, so "an area includes its children areas" is an
-- equality), kind and UTC day of `due_at` (`due_day`: days since 1970-01-01), `n` the open deadlines.
create table rm_open_deadline_days (
  area_code text not null,
  kind text not null,
  due_day integer not null,
  -- No check n >= 0: an upsert's proposed row carries the delta (-1), and PostgreSQL checks it before the conflict.
  n integer not null,
  primary key (area_code, kind, due_day) include (n)
);

-- Filled from the rows the deadlines projection already holds (the same contributions it adds from now on), so
-- that a store with deadlines needs no replay.
insert into rm_open_deadline_days (area_code, kind, due_day, n)
select a.code, d.kind, floor(extract(epoch from d.due_at) / 86400)::integer, count(*)::integer
  from rm_deadlines d cross join lateral unnest(d.area_path) as a(code)
 where d.status = 'open'
 group by 1, 2, 3;
