-- One rule for every path that writes an Appointment: $book, $hold, plain create/update/patch, conditional writes,
-- transaction and batch entries, cancel and delete. Each active Appointment (pending = held, booked, arrived,
-- checked-in) claims its Slots, each provider participant (Practitioner and PractitionerRole, and the Practitioner of
-- each PractitionerRole) and each patient for its time. The rows are derived from the Appointment in the transaction
-- that writes it (BookingClaimInterceptor); the constraints refuse a second claim of a Slot and overlapping claims of one
-- provider or one patient, so a double booking cannot commit on any path. $book and $hold take the same rows first under
-- a token (the Appointment has no id yet), to move on to the next provider without aborting their transaction; the
-- Appointment's own rows replace them. A clinician's deliberate overbooking (a reason on the Appointment, a token that
-- may overbook) takes its rows marked overbooked: the constraints leave those out, and they stay countable.
create table appointment_claim (
    owner           varchar(64)  not null,
    kind            varchar(8)   not null check (kind in ('slot', 'provider', 'patient')),
    subject         varchar(128) not null,
    during          tstzrange    not null,
    status          varchar(8)   not null check (status in ('held', 'booked')),
    hold_expires_at timestamptz,
    overbooked      boolean      not null default false,
    primary key (owner, kind, subject),
    constraint appointment_claim_slot_once exclude using gist (subject with =) where (kind = 'slot' and not overbooked),
    constraint appointment_claim_no_overlap
        exclude using gist (kind with =, subject with =, during with &&) where (kind <> 'slot' and not overbooked)
);
create index appointment_claim_hold_expiry on appointment_claim (hold_expires_at) where status = 'held';

-- what $book and $hold claimed before: one row per Slot with its provider and patient
insert into appointment_claim (owner, kind, subject, during, status, hold_expires_at)
select appointment_id, 'slot', 'Slot/' || slot_id, during, status, hold_expires_at
from booking_claim where appointment_id is not null
union all
select appointment_id, 'provider', provider, during, status, hold_expires_at
from booking_claim where appointment_id is not null
union all
select appointment_id, 'patient', patient, during, status, hold_expires_at
from booking_claim where appointment_id is not null and patient is not null
on conflict do nothing;

drop table booking_claim;
