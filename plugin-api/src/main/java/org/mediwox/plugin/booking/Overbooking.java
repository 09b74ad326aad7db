package org.mediwox.plugin.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Booking over the rule (a clinician's deliberate double booking): the server's security layer grants it per request,
 * the scheduling module's storage rule honours the grant and records what it let through, and the audit trail reports
 * it. The reason for booking over the rule travels on the Appointment in the extension {@value
 * org.mediwox.plugin.vocabulary.MediwoxExtensions#OVERBOOKING}. All three meet here, on the request's user data (HAPI's {@code RequestDetails.getUserData()}), under keys only
 * this class knows.
 */
public final class Overbooking {

    /** The SMART scope that lets a clinician's token book over the rule. */
    public static final String SCOPE = "mediwox/overbook";

    private static final Object ALLOWED = new Key("allowed");
    private static final Object RECORDED = new Key("recorded");

    private Overbooking() {}

    /** Called by the security layer for a request whose token may overbook; nothing else grants it. */
    public static void allow(Map<Object, Object> requestData) {
        requestData.put(ALLOWED, Boolean.TRUE);
    }

    public static boolean allowed(Map<Object, Object> requestData) {
        return Boolean.TRUE.equals(requestData.get(ALLOWED));
    }

    /** Records one Appointment booked over the rule: which, over what and why, in words for the audit trail. */
    @SuppressWarnings("unchecked")
    public static void record(Map<Object, Object> requestData, String note) {
        ((List<String>) requestData.computeIfAbsent(RECORDED, k -> new ArrayList<String>())).add(note);
    }

    /** What {@link #record} noted on this request, in order; empty when nothing was booked over the rule. */
    @SuppressWarnings("unchecked")
    public static List<String> recorded(Map<Object, Object> requestData) {
        Object notes = requestData.get(RECORDED);
        return notes == null ? List.of() : List.copyOf((List<String>) notes);
    }

    /** A key no other code can build by accident (not a string another class could also choose). */
    private record Key(String name) {}
}
