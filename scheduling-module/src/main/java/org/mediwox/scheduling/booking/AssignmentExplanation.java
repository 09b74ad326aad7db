package org.mediwox.scheduling.booking;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.booking.BookingClaims.Refusal;

/**
 * How a pool booking chose its provider, as values: the method, the pool, the rotation turn and the position it pointed
 * to, the provider assigned and everyone (and every Slot) passed over with the reason. Written on the Appointment as
 * the complex extension {@value #URL} (defined in {@code ig/}); the English sentence is rendered from it, so readers
 * that want structure never parse text.
 *
 * @param turn the pool's rotation counter; null for an urgent booking
 * @param position the 1-based pool position the turn pointed to; null for an urgent booking
 * @param skipped in the order they happened, before the booking that succeeded
 */
public record AssignmentExplanation(
        Method method, String pool, int poolSize, Long turn, Integer position, Provider assigned, List<Skip> skipped) {

    public static final String URL = MediwoxExtensions.ASSIGNMENT_EXPLANATION;

    /** The codes of {@code https://mediwox.org/fhir/CodeSystem/assignment-method}. */
    public enum Method {
        ROTATION("rotation"),
        URGENT_EARLIEST("urgent-earliest");

        private final String code;

        Method(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The codes of {@code https://mediwox.org/fhir/CodeSystem/assignment-skip-reason}, with their English. */
    public enum SkipReason {
        NO_FREE_SLOT("no-free-slot", "no free slot in the window"),
        SLOTS_BEING_BOOKED("slots-being-booked", "every free slot found was being booked by other requests"),
        SLOT_TAKEN("slot-taken", "it is already held or booked"),
        PROVIDER_BUSY("provider-busy", "the provider has an overlapping booking"),
        PATIENT_BUSY("patient-busy", "the patient already has an appointment at that time"),
        RESERVED_FOR_URGENT(
                "reserved-for-urgent", "the provider's last free slots that day are reserved for urgent requests");

        private final String code;
        private final String english;

        SkipReason(String code, String english) {
            this.code = code;
            this.english = english;
        }

        public String code() {
            return code;
        }

        public String english() {
            return english;
        }

        /** Why the database refused one Slot. */
        public static SkipReason of(Refusal refusal) {
            return switch (refusal) {
                case SLOT_TAKEN -> SLOT_TAKEN;
                case PROVIDER_BUSY -> PROVIDER_BUSY;
                case PATIENT_BUSY -> PATIENT_BUSY;
                case RESERVED_FOR_URGENT -> RESERVED_FOR_URGENT;
            };
        }
    }

    /**
     * A provider of the pool.
     *
     * @param reference {@code PractitionerRole/12}
     * @param name the practitioner's name, or null when the role does not give one
     */
    public record Provider(String reference, String name) {

        /** As the sentence names them: {@code PractitionerRole/12 (Dr. A)}. */
        public String display() {
            return reference + (name == null ? "" : " (" + name + ")");
        }

        Reference toReference() {
            Reference ref = new Reference(reference);
            return name == null ? ref : ref.setDisplay(name);
        }
    }

    /**
     * A provider passed over, or one of their Slots not taken.
     *
     * @param slot {@code Slot/34} when one Slot was not taken, null when the whole provider was passed over
     */
    public record Skip(Provider provider, SkipReason reason, String slot) {

        /** The whole provider was passed over (the rotation moved on to the next one). */
        public boolean wholeProvider() {
            return slot == null;
        }

        String english() {
            return wholeProvider()
                    ? "Skipped " + provider.display() + ": " + reason.english()
                    : slot + " of " + provider.display() + " not taken: " + reason.english();
        }
    }

    public AssignmentExplanation {
        skipped = List.copyOf(skipped);
    }

    /** The pool's rotation: turn {@code turn} pointed to {@code position}; {@code assigned} was booked. */
    public static AssignmentExplanation rotation(
            String pool, int poolSize, long turn, int position, Provider assigned, List<Skip> skipped) {
        return new AssignmentExplanation(Method.ROTATION, pool, poolSize, turn, position, assigned, skipped);
    }

    /** An urgent request: the earliest free Slot of the pool, outside the rotation. */
    public static AssignmentExplanation urgent(String pool, int poolSize, Provider assigned, List<Skip> skipped) {
        return new AssignmentExplanation(Method.URGENT_EARLIEST, pool, poolSize, null, null, assigned, skipped);
    }

    /** The providers the rotation passed over before the one assigned (each is passed over once). */
    public long providersPassedOver() {
        return skipped.stream().filter(Skip::wholeProvider).count();
    }

    /** Why this provider, in one English sentence. */
    public String text() {
        return switch (method) {
            case ROTATION ->
                "Rotation turn " + turn + " of pool " + pool + " (" + poolSize + " providers, position " + position
                        + "): assigned " + assigned.display()
                        + (providersPassedOver() == 0
                                ? ""
                                : ", " + providersPassedOver() + " provider(s) later in rotation");
            case URGENT_EARLIEST ->
                "Urgent request: earliest free slot in pool " + pool + ", with " + assigned.display();
        };
    }

    /** The sentence, then one line per provider or Slot skipped: the diagnostics of {@code $book}'s outcome. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(text());
        skipped.forEach(s -> lines.add(s.english()));
        return lines;
    }

    /** The Appointment's extension: the values, and the sentence as {@code text}. */
    public Extension toExtension() {
        Extension extension = new Extension(URL);
        extension.addExtension("method", new CodeType(method.code()));
        extension.addExtension("pool", new StringType(pool));
        extension.addExtension("poolSize", new IntegerType(poolSize));
        // FHIR R4's integer is 32-bit; a pool's counter past that (two billion bookings) keeps its turn in the text
        // only
        if (turn != null && turn <= Integer.MAX_VALUE) {
            extension.addExtension("turn", new IntegerType(turn.intValue()));
        }
        if (position != null) {
            extension.addExtension("position", new IntegerType(position));
        }
        extension.addExtension("assigned", assigned.toReference());
        for (Skip skip : skipped) {
            Extension entry = extension.addExtension().setUrl("skipped");
            entry.addExtension("provider", skip.provider().toReference());
            entry.addExtension("reason", new CodeType(skip.reason().code()));
            if (skip.slot() != null) {
                entry.addExtension("slot", new Reference(skip.slot()));
            }
        }
        extension.addExtension("text", new StringType(text()));
        return extension;
    }
}
