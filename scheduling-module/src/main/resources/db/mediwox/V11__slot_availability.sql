-- A read model of the Slots booking looks at: kept in step with every Slot write by SlotAvailabilityInterceptor in the
-- same transaction. Finding a provider's earliest free Slot is then one index range scan instead of a FHIR search
-- joining HAPI's token, date and reference index tables. The Slot resource stays the truth: a booking reads the Slot
-- and checks it is free before claiming it, so a stale row can cost a retry, never a double booking.
create table slot_availability (
    slot_id     varchar(64)  primary key,
    schedule_id varchar(64)  not null,
    status      varchar(32)  not null,
    start_at    timestamptz  not null,
    end_at      timestamptz  not null
);
create index slot_availability_free on slot_availability (schedule_id, start_at) where status = 'free';
