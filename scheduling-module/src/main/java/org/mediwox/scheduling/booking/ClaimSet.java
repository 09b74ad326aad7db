package org.mediwox.scheduling.booking;

import java.time.Instant;
import java.util.List;

/**
 * What an active Appointment claims: its Slots, its providers and its patients, for {@code start}–{@code end} (null
 * ends are open). {@code held} for a hold ({@code pending}), which lapses at {@code holdExpiresAt} (null: never).
 */
public record ClaimSet(boolean held, Instant holdExpiresAt, Instant start, Instant end, List<Row> rows) {

    /** One claim: {@code kind} is {@code slot}, {@code provider} or {@code patient}; {@code subject} a reference. */
    public record Row(String kind, String subject) {}

    public static final ClaimSet NONE = new ClaimSet(false, null, null, null, List.of());

    public ClaimSet {
        rows = List.copyOf(rows);
    }

    public List<String> slots() {
        return rows.stream()
                .filter(r -> r.kind().equals("slot"))
                .map(Row::subject)
                .toList();
    }
}
