-- The waiting list: one row per waiting entry (an Appointment with status waitlist and the extension waitlist-for),
-- kept in step with those Appointments by WaitlistInterceptor in the transaction that writes them, and removed when the
-- entry ends. The Appointment stays the truth of what the patient asked for; this is what the offering job searches.
create table waitlist_entry (
    entry_id     varchar(64)   primary key,
    patient_id   varchar(64)   not null,
    booked_id    varchar(64)   not null unique,  -- one entry per booked Appointment
    booked_start timestamptz   not null,
    schedule_ids varchar(64)[] not null,         -- the pool's Schedules when the patient joined
    urgent       boolean       not null,
    joined_at    timestamptz   not null,
    -- the open offer (a held Appointment), or while one is being made a claim marker: one offer per entry at a time,
    -- taken by a conditional update (where offer_id is null) that concurrent offerers wait for and then see
    offer_id     varchar(64)   unique
);
create index waitlist_entry_order on waitlist_entry (urgent desc, joined_at, entry_id) where offer_id is null;

-- Every Slot offered to an entry, or tried for it and refused by the booking rule: never offered to it twice.
create table waitlist_offer (
    entry_id   varchar(64) not null,
    slot_id    varchar(64) not null,
    offer_id   varchar(64),  -- the held Appointment; null when the hold was refused
    offered_at timestamptz not null default now(),
    primary key (entry_id, slot_id)
);
