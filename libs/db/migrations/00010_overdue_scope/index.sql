-- GET /dashboard/overdue counts every open deadline past due in the supervisor's areas. With the area path in the
-- index, the count is an index-only scan (once VACUUM has set the visibility map: a rebuild runs it) instead of a
-- read of every such row: 177 ms -> 1.5 ms for 6,570 overdue deadlines of 51,000 cases (bench/scale).
create index rm_deadlines_open_scope on rm_deadlines (due_at) include (area_path) where status = 'open';
