-- The outbox's standing as metrics (OutboxGauges, read by the metrics registry about once a minute per node): the
-- owed messages are the pending and sending ones due before a cut-off, found through their due time. The other
-- partial index, notification_outbox_due, is on next_attempt_at (a retry's or a lease's end), not the due time.
create index notification_outbox_owed on notification_outbox (due_at) where status in ('pending', 'sending');
