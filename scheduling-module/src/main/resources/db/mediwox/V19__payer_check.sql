-- Payer checks of $book that the payer has not answered yet (issue 24): written after the booking commits when the
-- payer is asked, removed when it answers; the background retry asks again what is due. The Coverages asked about are
-- kept as sent (a Bundle in JSON), so a retry asks about the same insurance.
create table mediwox.payer_check (
    appointment_id text primary key,
    user_id text not null,
    coverages text not null,
    attempts integer not null default 0,
    due_at timestamptz not null,
    last_error text,
    created_at timestamptz not null default now()
);

create index payer_check_due on mediwox.payer_check (due_at);
