-- Booking state that must hold across threads and server nodes lives here, guarded by the database itself.
create extension if not exists btree_gist;

-- One row per Slot taken by a hold or a booking. The exclusion constraints make double booking impossible:
-- no two claims of the same provider overlap in time, and no patient holds two overlapping claims.
create table booking_claim (
    slot_id          varchar(64)  primary key,
    provider         varchar(128) not null,
    patient          varchar(128),
    during           tstzrange    not null,
    appointment_id   varchar(64),
    status           varchar(16)  not null check (status in ('held', 'booked')),
    hold_expires_at  timestamptz,
    created_at       timestamptz  not null default now(),
    constraint booking_claim_provider_no_overlap exclude using gist (provider with =, during with &&),
    constraint booking_claim_patient_no_overlap exclude using gist (patient with =, during with &&)
);
create index booking_claim_appointment on booking_claim (appointment_id);
create index booking_claim_hold_expiry on booking_claim (hold_expires_at) where status = 'held';

-- Round-robin turns of each provider pool: a booking takes the next value of the pool's own sequence inside its
-- transaction, and books the provider at (value mod pool size). A sequence hands out turns without locking, so
-- bookings into one pool run in parallel on every node; a booking that fails after taking its turn leaves that turn
-- unused (the provider at that turn gets one booking fewer in that round).
create table pool_cursor (
    pool_key      varchar(512) primary key,
    sequence_name varchar(63)  not null unique,
    created_at    timestamptz  not null default now()
);

-- Idempotency keys of $book: the same key with the same request returns the same Appointment.
create table idempotency_key (
    idempotency_key varchar(200) primary key,
    request_hash    varchar(64)  not null,
    appointment_id  varchar(64),
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null
);
create index idempotency_key_expiry on idempotency_key (expires_at);
