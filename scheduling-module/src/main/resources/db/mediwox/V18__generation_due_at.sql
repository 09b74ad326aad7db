-- When a generated Schedule's planned days fall short of the horizon, as an instant: the start of the next day in the
-- Schedule's own zone (the clinic's). The sweep compares it with now, so a clinic west of UTC is not found short from
-- the UTC date change until its own midnight (a date compared with a date in another zone was). Null: not planned yet
-- (existing rows are planned once more and get theirs).
alter table generation_state add column due_at timestamptz;
