-- Topic-based subscriptions (Subscriptions R5 Backport): the topic and payload content of a Subscription's
-- notification, and its event number — assigned when the notification is first sent, from the Subscription's
-- counter (assigning it at booking time would make every booking wait for the counter row). Every number is a real
-- event: a gap a subscriber sees is a notification it missed (dead-lettered: visible and replayable).
alter table notification_outbox
    add column topic text,            -- the SubscriptionTopic canonical; null: classic R4 subscription or patient message
    add column payload_content text,  -- empty | id-only | full-resource
    add column event_number bigint,   -- the event's number in its Subscription's stream (topic-based only)
    add column context_id text;       -- additional context: the Appointment a rescheduled one replaced

create table subscription_events (
    subscription_id    text primary key,
    events_since_start bigint not null  -- event numbers assigned so far
);

-- events recorded but not numbered yet, counted by Subscription/$status
create index notification_outbox_unnumbered on notification_outbox (subscription_id)
    where topic is not null and event_number is null;
