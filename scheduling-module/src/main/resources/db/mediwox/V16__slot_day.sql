-- Offered capacity for $workload (issue 23): how many Slots, and minutes, each Schedule offers per clinic-local day,
-- kept by deltas in the statement that writes slot_availability (every Slot write, in its transaction). Offered = the
-- Slot's status is free, busy or busy-tentative (not busy-unavailable, not entered-in-error). A Schedule's provider and
-- place come from schedule_provider, kept by the Schedule writes, so a Slot write never looks anything up.
create table schedule_provider (
    schedule_id varchar(64)  primary key,
    provider    varchar(128) not null,          -- PractitionerRole/12 (or Practitioner/7) of the Schedule's actors
    location_id varchar(64)  not null default ''
);
create index schedule_provider_provider on schedule_provider (provider);

create table slot_day (
    schedule_id     varchar(64) not null,
    local_day       date        not null,
    offered         integer     not null default 0,
    offered_minutes integer     not null default 0,
    primary key (schedule_id, local_day)
);
create index slot_day_day on slot_day (local_day) include (schedule_id, offered, offered_minutes);
