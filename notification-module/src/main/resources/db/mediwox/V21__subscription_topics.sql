-- Topic-based subscriptions (Subscriptions R5 Backport): the topic and payload content of a Subscription's
-- notification, and its event number — assigned when the notification is first sent, from the Subscription's
-- counter, so that numbers have no gaps however many bookings commit at the same time.
alter table notification_outbox
    add column topic text,            -- the SubscriptionTopic canonical; null: classic R4 subscription or patient message
    add column payload_content text,  -- empty | id-only | full-resource
    add column event_number bigint;   -- the event's number in its Subscription's stream (topic-based only)

create table subscription_events (
    subscription_id    text primary key,
    events_since_start bigint not null  -- event numbers assigned so far
);
