-- Patient accounts of the built-in authorization server (registration, e-mail verification, password reset, TOTP).
-- One account per e-mail address (case-insensitive) and per Patient. Passwords as bcrypt hashes ({bcrypt}$2a$…);
-- the TOTP secret (Base32) in plain text, protected like the token signing key by access to this database.
create table patient_account (
    id            bigserial primary key,
    email         text not null,
    password_hash text not null,
    fhir_user     text not null,              -- Patient/[id]
    verified      boolean not null default false,
    totp_secret   text,                       -- null: no second factor
    totp_step     bigint,                     -- the time step of the last code accepted: a code is used once
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index patient_account_email on patient_account (lower(email));
create unique index patient_account_fhir_user on patient_account (fhir_user);

-- Single-use links sent by e-mail: only the SHA-256 of the token is kept; using one deletes it.
create table account_token (
    token_hash text primary key,              -- hex SHA-256 of the token in the link
    account_id bigint not null references patient_account (id) on delete cascade,
    purpose    text not null,                 -- verify-email | reset-password
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
);
create index account_token_account on account_token (account_id, purpose);
create index account_token_expires on account_token (expires_at);
