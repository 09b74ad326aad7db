-- The full-text journal (issue 22): one row per resource whose full-text index document may not be written yet.
-- A row is written (or its queued_at renewed) in the transaction that writes the resource, removed once the index
-- write after the commit succeeded, and otherwise found by the sweep after a grace period, which reindexes the
-- resource: a node that dies between the commit and the index write loses no index update.
create table mediwox.fulltext_pending (
    -- HFJ_RESOURCE.RES_ID (no foreign key: an expunged resource's row must outlive it, so its document is purged)
    res_id bigint primary key,
    res_type text not null,
    -- the writing transaction's start (now()): the removal after the index write only takes the row it wrote
    queued_at timestamptz not null default now()
);

create index fulltext_pending_queued_at on mediwox.fulltext_pending (queued_at);
