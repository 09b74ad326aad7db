-- The notification outbox: every message the server owes a patient, recorded in the same transaction as the
-- Appointment change that causes it, then delivered by the dispatcher (any node; rows are claimed with
-- FOR UPDATE SKIP LOCKED). dedupe_key is unique per (appointment, event, channel[, reminder offset]): recording the
-- same event twice, or retrying a delivery, never produces a second message.
create table notification_outbox (
    id              bigserial primary key,
    dedupe_key      text not null unique,
    appointment_id  text not null,
    patient_id      text not null,
    event           text not null,  -- booked | cancelled | rescheduled | reminder
    channel         text not null,  -- email | sms | rest-hook (a Subscription's)
    subscription_id text,           -- the Subscription this message is for; null: the server's own patient messages
    headers         text,           -- rest-hook: the Subscription's channel headers, one per line
    recipient       text,
    language        text not null,
    subject         text,
    body            text not null,
    status          text not null,  -- pending | sending | sent | skipped | dead | withdrawn
    reason          text,           -- why skipped, dead or withdrawn; the last delivery error while pending
    attempts        integer not null default 0,
    due_at          timestamptz not null,
    next_attempt_at timestamptz not null,  -- when pending: due; when sending: end of the delivery lease
    claim_token     uuid,           -- the claim that may record the outcome (a stale one cannot)
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    provider_id     text            -- SES MessageId / SNS MessageId
);
create index notification_outbox_due on notification_outbox (next_attempt_at) where status in ('pending', 'sending');
create index notification_outbox_appointment on notification_outbox (appointment_id);
create index notification_outbox_status on notification_outbox (status, created_at desc);
