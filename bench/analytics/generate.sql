-- The workload read model of a clinic of 200 providers in 20 pools over two years: 1,000,000 booked Appointments
-- (issue 23's size), written straight into mediwox.appointment_fact and mediwox.workload_day (the read model $workload
-- reads; the Appointment resources themselves are not needed for its latency). Deterministic: every value is a function
-- of the row number. Status mix like the demo history: 8 % cancelled by the patient, 3 % by the clinic, 4 % rescheduled,
-- 5 % no-shows, 5 % urgent, the rest fulfilled (past) or booked (future); 90 % assigned by their pool.
\set ON_ERROR_STOP on
\timing on
delete from mediwox.appointment_fact where appointment_id like 'bench-%';
delete from mediwox.workload_day where provider like 'PractitionerRole/bench-%';
insert into mediwox.appointment_fact (appointment_id, provider, location_id, pool_key, assignment, status, start_at,
    minutes, local_day, urgent, booked_at, lead_minutes, cancelled_at, cancelled_by, rescheduled)
select 'bench-' || n,
       'PractitionerRole/bench-' || (n % 200),
       'bench-location-' || (n % 200 / 40),
       case when n % 10 = 0 then '' else 'specialty=urn:mediwox:bench|pool-' || (n % 200 / 10) || ';visit-type=;location=' end,
       case when n % 10 = 0 then null when n % 20 = 1 then 'urgent-earliest' else 'rotation' end,
       s.status,
       d.start_at,
       case when n % 3 = 0 then 30 when n % 3 = 1 then 20 else 15 end,
       d.local_day,
       n % 20 = 1,
       d.start_at - make_interval(mins => l.lead),
       l.lead,
       case when s.status = 'cancelled' then d.start_at - make_interval(mins => l.lead / 2) end,
       case when n % 100 < 8 then 'patient' when n % 100 < 11 then 'clinic' end,
       n % 100 between 11 and 14
from generate_series(1::bigint, 1000000) as n,
     lateral (select date '2025-01-01' + ((n / 200) * 7919 % 730)::integer as local_day) as day0,
     lateral (select day0.local_day as local_day,
                     (day0.local_day + time '08:00' + make_interval(mins => ((n * 31 % 40) * 15)::integer))
                         at time zone 'America/New_York' as start_at) as d,
     lateral (select ((n * 104729 % 43200) + 30)::integer as lead) as l,
     lateral (select case when n % 100 < 15 then 'cancelled'
                          when n % 100 < 20 then 'noshow'
                          when d.local_day < date '2026-12-01' then 'fulfilled'
                          else 'booked' end as status) as s;
insert into mediwox.workload_day (provider, local_day, location_id, pool_key, booked, booked_minutes, kept_minutes,
    attended_minutes, active, fulfilled, noshow, cancelled_patient, cancelled_clinic, rescheduled, urgent, pool_assigned)
select provider, local_day, location_id, pool_key, count(*), sum(minutes),
       coalesce(sum(minutes) filter (where status in ('booked', 'arrived', 'checked-in', 'fulfilled', 'noshow')), 0),
       coalesce(sum(minutes) filter (where status in ('arrived', 'checked-in', 'fulfilled')), 0),
       count(*) filter (where status in ('booked', 'arrived', 'checked-in')),
       count(*) filter (where status = 'fulfilled'), count(*) filter (where status = 'noshow'),
       count(*) filter (where status = 'cancelled' and cancelled_by = 'patient'),
       count(*) filter (where status = 'cancelled' and cancelled_by = 'clinic'),
       count(*) filter (where status = 'cancelled' and rescheduled),
       count(*) filter (where urgent), count(*) filter (where assignment is not null)
from mediwox.appointment_fact where appointment_id like 'bench-%'
group by 1, 2, 3, 4;
-- the pools' week segments (V24) recounted from the facts and days; older builds have no such table
select exists (select 1 from pg_proc where proname = 'rebuild_workload_segments') as segments \gset
\if :segments
select mediwox.rebuild_workload_segments();
analyze mediwox.workload_segment;
\endif
analyze mediwox.appointment_fact;
analyze mediwox.workload_day;
select count(*) as facts from mediwox.appointment_fact where appointment_id like 'bench-%';
select count(*) as day_rows from mediwox.workload_day where provider like 'PractitionerRole/bench-%';
