package org.mediwox.scheduling.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@link Catalog} of the feed's current version, read once per version instead of once per request. A changed poll
 * is the manifest and some thirty file requests, each needing the same Schedules (a HAPI search with their actors);
 * the first request that sees a new {@link Freshness} stamp reads them and the others reuse that read until the next
 * change of a Slot, Schedule, Location or PractitionerRole.
 *
 * <p>A version is the newest {@code res_updated} HAPI has committed, so a write that commits after a newer one (its
 * timestamp older than the stamp already seen) would not make a new version; the ETag has the same blind spot. A
 * catalog is therefore also read again once it is {@link #MAX_REUSE} old: such a write shows at the latest then.
 */
class CurrentCatalog {

    static final Duration MAX_REUSE = Duration.ofSeconds(60);

    private record Read(Instant version, String base, Catalog catalog, Instant readAt) {}

    private final CatalogReader reader;
    private final Clock clock;
    private Read current;

    CurrentCatalog(CatalogReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * The catalog of {@code version} (the newest change published): read now unless this version's was read less than
     * {@link #MAX_REUSE} ago. Requests of one poll that arrive together wait for one read rather than each doing it.
     */
    synchronized Catalog of(Instant version, String fhirBase) {
        Instant now = clock.instant();
        Read read = current;
        if (read == null
                || !read.version().equals(version)
                || !read.base().equals(fhirBase)
                || !now.isBefore(read.readAt().plus(MAX_REUSE))) {
            read = new Read(version, fhirBase, reader.read(fhirBase), now);
            current = read;
        }
        return read.catalog();
    }
}
