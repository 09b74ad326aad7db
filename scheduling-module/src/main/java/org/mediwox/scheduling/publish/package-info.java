/**
 * SMART Scheduling Links publishing ({@code GET [base]/$bulk-publish}): the clinic's availability as a public manifest
 * of Location, Schedule and Slot NDJSON files, in the specification's shapes — one derived Schedule per Location and
 * service type, Slots only {@code free} or {@code busy}. Nothing about patients is published.
 */
package org.mediwox.scheduling.publish;
