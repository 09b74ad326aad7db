-- The workload read model (issue 23): what $workload counts, kept in the transaction of every Appointment write by
-- WorkloadInterceptor (the pointcuts the booking rule uses, so $book, $hold, plain and conditional writes, PATCH,
-- transaction Bundles, $cancel, hold expiry and DELETE all reach it). Never read back into resources.

-- One row per Appointment that is or was booked, and per provider participant (PractitionerRole; a Practitioner when
-- the Appointment names no role). Rows of Appointments entered-in-error or deleted are removed: they never happened.
create table appointment_fact (
    appointment_id   varchar(64)  not null,
    provider         varchar(128) not null,          -- PractitionerRole/12 (or Practitioner/7)
    location_id      varchar(64)  not null default '',-- the Location participant, else ''
    pool_key         varchar(512) not null default '',-- assignment-explanation.pool, else '' (a direct booking)
    assignment       varchar(16),                    -- rotation | urgent-earliest | null (not assigned by a pool)
    status           varchar(16)  not null,          -- Appointment.status as stored now
    start_at         timestamptz  not null,
    minutes          integer      not null,          -- end - start in whole minutes (0 without an end)
    local_day        date         not null,          -- the visit's day in the clinic's time zone, fixed at write
    urgent           boolean      not null default false,
    booked_at        timestamptz  not null,          -- when it was first stored as booked (sticky)
    lead_minutes     integer,                        -- start_at - booked_at; null when booked after the visit began
    cancelled_at     timestamptz,                    -- when it was first stored as cancelled (sticky)
    cancelled_by     varchar(8)   check (cancelled_by in ('patient', 'clinic')),
    rescheduled      boolean      not null default false,
    rescheduled_from varchar(64),
    primary key (appointment_id, provider)
);
create index appointment_fact_provider_day on appointment_fact (provider, local_day)
    include (status, minutes, lead_minutes, urgent);
create index appointment_fact_pool_day on appointment_fact (pool_key, local_day)
    include (provider, status, assignment) where pool_key <> '';
create index appointment_fact_day on appointment_fact (local_day) include (lead_minutes, status, urgent);

-- Counters per provider, place, pool and clinic-local day, kept by deltas (old fact out, new fact in) with the facts.
create table workload_day (
    provider            varchar(128) not null,
    local_day           date         not null,
    location_id         varchar(64)  not null,
    pool_key            varchar(512) not null,
    booked              integer not null default 0,  -- every fact row: ever booked
    booked_minutes      integer not null default 0,
    kept_minutes        integer not null default 0,  -- booked, arrived, checked-in, fulfilled, noshow: the time stayed spent
    attended_minutes    integer not null default 0,  -- arrived, checked-in, fulfilled
    active              integer not null default 0,  -- booked, arrived, checked-in now
    fulfilled           integer not null default 0,
    noshow              integer not null default 0,
    cancelled_patient   integer not null default 0,
    cancelled_clinic    integer not null default 0,
    rescheduled         integer not null default 0,
    urgent              integer not null default 0,
    pool_assigned       integer not null default 0,  -- chosen by a pool's rotation or urgent search
    primary key (provider, local_day, location_id, pool_key)
);
create index workload_day_day on workload_day (local_day);
create index workload_day_pool on workload_day (pool_key, local_day) where pool_key <> '';
