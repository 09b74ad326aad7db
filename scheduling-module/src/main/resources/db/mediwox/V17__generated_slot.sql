-- Slots generated from availability (issue 23): which Schedules Mediwox manages and how far their Slots are planned,
-- and which Slot stands for each wanted start. The primary key of generated_slot is what keeps two generators (two
-- nodes, or a node and a lapsed lock) from creating the same Slot twice; HAPI's conditional create is not used for it.
create table generation_state (
    schedule_id     varchar(64) primary key,
    version         bigint not null default 1,   -- raised by every write of the Schedule, its role or its Location
    done_version    bigint not null default 0,   -- the version the last generation read
    planned_through date,                        -- the last local day with Slots planned
    problem         varchar(500)                 -- why the rules could not be read (null: fine)
);

create table generated_slot (
    schedule_id varchar(64) not null,
    start_at    timestamptz not null,
    end_at      timestamptz not null,
    slot_id     varchar(64) not null,
    retired     boolean     not null default false, -- set busy-unavailable because no longer wanted
    conflict_task varchar(64),                      -- the Task raised for the Appointment booked in it, if any
    primary key (schedule_id, start_at, end_at)
);
