package org.mediwox.scheduling.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Schedule;
import org.junit.jupiter.api.Test;

/** A changed poll (the manifest and every file it lists) reads the Schedules once, not once per request. */
class CurrentCatalogTest {

    private static final String BASE = "https://clinic.example/fhir";
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant VERSION = Instant.parse("2026-12-05T09:59:00Z");

    private final AtomicInteger reads = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW);
    private final BulkPublisher publisher = new BulkPublisher(
            new CurrentCatalog(new CountingReader(reads), clock),
            new OneSlotPerDay(),
            FhirContext.forR4Cached(),
            () -> BASE,
            ZoneId.of("America/New_York"),
            3,
            clock);

    @Test
    void changedPoll_manifestAndEveryFile_readsTheSchedulesOnce() throws IOException {
        Manifest manifest = publisher.manifest(VERSION, NOW, null);
        StringWriter files = new StringWriter();
        for (Manifest.Output output : manifest.output()) {
            publisher.write(fileOf(output.url()), VERSION, null, files);
        }

        assertThat(manifest.output()).hasSize(5); // Locations, Schedules, three days of Slots
        assertThat(files.toString().lines()).hasSize(5); // one Location, one Schedule, one Slot a day
        assertThat(reads).hasValue(1);
    }

    @Test
    void nextVersion_readsAgain_andTheSameVersionIsReadAgainOnlyAfterMaxReuse() throws IOException {
        publisher.manifest(VERSION, NOW, null);
        publisher.write(BulkPublisher.SCHEDULES, VERSION, null, new StringWriter());
        assertThat(reads).hasValue(1);

        Instant changed = VERSION.plusSeconds(30);
        publisher.manifest(changed, NOW, null);
        publisher.write(BulkPublisher.LOCATIONS, changed, null, new StringWriter());
        assertThat(reads).hasValue(2);

        clock.now = NOW.plus(CurrentCatalog.MAX_REUSE).minusMillis(1);
        publisher.write(BulkPublisher.LOCATIONS, changed, null, new StringWriter());
        assertThat(reads).hasValue(2);
        clock.now = NOW.plus(CurrentCatalog.MAX_REUSE);
        publisher.write(BulkPublisher.LOCATIONS, changed, null, new StringWriter());
        assertThat(reads).hasValue(3);
    }

    private static String fileOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** One Location with one derived Schedule, Mediwox Schedule {@code 5}; counts its reads. */
    private static final class CountingReader extends CatalogReader {
        private final AtomicInteger reads;

        CountingReader(AtomicInteger reads) {
            super(null);
            this.reads = reads;
        }

        @Override
        Catalog read(String fhirBase) {
            reads.incrementAndGet();
            Location location = new Location().setName("Mediwox North");
            location.setId("7");
            location.getAddress().setState("NY");
            Coding service = new Coding("http://snomed.info/sct", "394814009", null);
            String derived = SpecShapes.scheduleId("7", service);
            Schedule schedule = SpecShapes.schedule(derived, "7", service);
            Map<String, Catalog.Published<Location>> locations = new LinkedHashMap<>();
            locations.put("7", new Catalog.Published<>(location, VERSION));
            Map<String, Catalog.Published<Schedule>> schedules = new LinkedHashMap<>();
            schedules.put(derived, new Catalog.Published<>(schedule, VERSION));
            return new Catalog(locations, schedules, Map.of("5", derived), Map.of("5", "+1 555 0100"));
        }
    }

    /** A free Slot of Schedule 5 four hours into every day asked for. */
    private static final class OneSlotPerDay extends SlotFeed {
        OneSlotPerDay() {
            super(null);
        }

        @Override
        void forEach(Instant from, Instant to, Instant since, Consumer<List<SlotRow>> page) {
            Instant start = from.plusSeconds(4 * 3600);
            page.accept(List.of(new SlotRow("s-" + start, "5", "free", start, start.plusSeconds(1800))));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
