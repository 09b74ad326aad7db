-- Which DocumentReferences a patient uploaded: written in the creating transaction when the token that created one
-- acts for a patient (a patient, or a caregiver for them), so that a patient token may delete its own uploads and
-- nothing else. Kept by the server, not in the resource: no client can claim an upload by editing a field.
create table patient_upload (
    resource_id varchar(64) primary key,
    patient_id  varchar(64) not null,
    uploaded_at timestamptz not null default now()
);
