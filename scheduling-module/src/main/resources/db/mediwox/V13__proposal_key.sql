-- The key $find signs its proposals with (ProposalIds): one per installation, shared by every node, made at first use.
-- A proposal is never stored; its id carries the Slot and patient it is about and this key's signature over them, so
-- $hold and $book accept exactly what $find returned.
create table proposal_key (
    id     smallint primary key check (id = 1),
    secret bytea    not null
);
