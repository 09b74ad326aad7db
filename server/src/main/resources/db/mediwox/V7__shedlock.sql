-- ShedLock's locks: a background job that must run on one node of a cluster at a time (hold expiry, the document
-- orphan sweep, the OAuth store clean-up) takes its row here before it runs. ShedLock's documented table; the times
-- are UTC from the database's clock (the lock provider uses database time, so nodes' clocks may differ), hence
-- timestamp without time zone.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
