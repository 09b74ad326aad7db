package org.mediwox.scheduling.publish;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Schedule;
import org.mediwox.plugin.server.PublicFhirBase;

/**
 * The feed's content: the manifest and its files. Slot files are one per clinic-local day from today for {@code days}
 * days; every file URL carries the manifest's {@code _since}, so a client asking for changes gets changes only.
 */
class BulkPublisher {

    static final String LOCATIONS = "locations.ndjson";
    static final String SCHEDULES = "schedules.ndjson";
    static final String SLOTS_PREFIX = "slots-";
    static final String NDJSON = ".ndjson";

    private final CurrentCatalog catalogs;
    private final SlotFeed slots;
    private final FhirContext fhirContext;
    private final PublicFhirBase base;
    private final ZoneId zone;
    private final int days;
    private final Clock clock;

    BulkPublisher(
            CurrentCatalog catalogs,
            SlotFeed slots,
            FhirContext fhirContext,
            PublicFhirBase base,
            ZoneId zone,
            int days,
            Clock clock) {
        this.catalogs = catalogs;
        this.slots = slots;
        this.fhirContext = fhirContext;
        this.base = base;
        this.zone = zone;
        this.days = days;
        this.clock = clock;
    }

    /** The first published day: today in the clinic's time zone (part of the ETag: the window moves at midnight). */
    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The manifest of {@code version} (the newest change published, {@link Freshness}). */
    Manifest manifest(Instant version, Instant transactionTime, Instant since) {
        String root = base.url() + "/$bulk-publish";
        String query = since == null ? "" : "?_since=" + since;
        Catalog catalog = catalogs.of(version, base.url());
        List<String> states = catalog.locations().values().stream()
                .map(p -> p.resource().getAddress().getState())
                .distinct()
                .sorted()
                .toList();
        List<Manifest.Output> output = new ArrayList<>();
        output.add(new Manifest.Output("Location", root + "/" + LOCATIONS + query, states));
        output.add(new Manifest.Output("Schedule", root + "/" + SCHEDULES + query, states));
        LocalDate first = today();
        for (int d = 0; d < days; d++) {
            output.add(new Manifest.Output(
                    "Slot", root + "/" + SLOTS_PREFIX + first.plusDays(d) + NDJSON + query, states));
        }
        return new Manifest(transactionTime, root + query, output);
    }

    /** Whether {@code file} names a file of the current manifest. */
    boolean known(String file) {
        return LOCATIONS.equals(file) || SCHEDULES.equals(file) || slotDay(file) != null;
    }

    /** Writes {@code file} of {@code version}'s manifest; with {@code since}, only what changed at or after it. */
    void write(String file, Instant version, Instant since, Writer out) throws IOException {
        Catalog catalog = catalogs.of(version, base.url());
        IParser parser = fhirContext.newJsonParser().setPrettyPrint(false);
        if (LOCATIONS.equals(file)) {
            for (Catalog.Published<Location> location : catalog.locations().values()) {
                line(parser, location.resource(), location.updated(), since, out);
            }
        } else if (SCHEDULES.equals(file)) {
            for (Catalog.Published<Schedule> schedule : catalog.schedules().values()) {
                line(parser, schedule.resource(), schedule.updated(), since, out);
            }
        } else {
            writeSlots(slotDay(file), catalog, since, parser, out);
        }
    }

    private void writeSlots(LocalDate day, Catalog catalog, Instant since, IParser parser, Writer out) {
        String app = appUrl();
        slots.forEach(
                day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant(),
                since,
                page -> {
                    try {
                        for (SlotRow row : page) {
                            String schedule = catalog.derivedScheduleOf().get(row.scheduleId());
                            String status = SpecShapes.slotStatus(row.status());
                            if (schedule == null || status == null) {
                                continue; // a Schedule not published (its Location refused), or entered-in-error
                            }
                            out.write(parser.encodeResourceToString(SpecShapes.slot(
                                    row,
                                    schedule,
                                    status,
                                    SpecShapes.deepLink(app, row.id()),
                                    catalog.phoneOfSchedule().get(row.scheduleId()))));
                            out.write('\n');
                        }
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static void line(IParser parser, IBaseResource resource, Instant updated, Instant since, Writer out)
            throws IOException {
        if (since == null || !updated.isBefore(since)) {
            out.write(parser.encodeResourceToString(resource));
            out.write('\n');
        }
    }

    /** The patient app next to the FHIR base ({@code https://clinic.example/fhir} -> {@code …/app/}). */
    private String appUrl() {
        String url = base.url();
        return (url.endsWith("/fhir") ? url.substring(0, url.length() - "/fhir".length()) : url) + "/app/";
    }

    private LocalDate slotDay(String file) {
        if (file == null || !file.startsWith(SLOTS_PREFIX) || !file.endsWith(NDJSON)) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(file.substring(SLOTS_PREFIX.length(), file.length() - NDJSON.length()));
            LocalDate first = today();
            return day.isBefore(first) || !day.isBefore(first.plusDays(days)) ? null : day;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
