package org.mediwox.server.documents;

import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.List;
import java.util.Locale;
import org.mediwox.server.security.SmartAccess;
import org.springframework.util.unit.DataSize;

/** The size limit and content-type allowlist every document passes before anything is stored. */
final class ContentPolicy {

    static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final long maxBytes;
    private final List<String> allowed;

    ContentPolicy(DataSize maxSize, List<String> allowedContentTypes) {
        this.maxBytes = maxSize.toBytes();
        this.allowed = List.copyOf(allowedContentTypes);
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * The check of content the server writes itself, on a thread no client's token authenticated (HAPI's request object
     * cannot tell: its binary storage passes an empty {@code ServletRequestDetails} of its own): its Bulk Data export
     * files, NDJSON, are stored whatever the allowlist says, which governs what clients may upload.
     */
    void checkWrite(String where, String contentType, long size) {
        if (SmartAccess.current().isEmpty() && SERVER_OUTPUT.equals(normalize(contentType))) {
            check(where, SERVER_OUTPUT, size, List.of(SERVER_OUTPUT));
        } else {
            check(where, contentType, size);
        }
    }

    /** Bulk Data export files ({@code org.mediwox.server.export}). */
    static final String SERVER_OUTPUT = "application/fhir+ndjson";

    /**
     * @throws PayloadTooLargeException (413) beyond the size limit
     * @throws UnclassifiedServerFailureException (415) for a missing or disallowed content type
     */
    void check(String where, String contentType, long size) {
        check(where, contentType, size, allowed);
    }

    private void check(String where, String contentType, long size, List<String> allowed) {
        if (size > maxBytes) {
            throw new PayloadTooLargeException(where + " is " + size + " bytes; documents may be at most " + maxBytes
                    + " bytes (" + DataSize.ofBytes(maxBytes).toMegabytes() + " MB)");
        }
        String type = normalize(contentType);
        if (type.isEmpty()) {
            throw new UnclassifiedServerFailureException(
                    UNSUPPORTED_MEDIA_TYPE,
                    where + " has data but no contentType; allowed types: " + String.join(", ", allowed));
        }
        if (!isAllowed(type, allowed)) {
            throw new UnclassifiedServerFailureException(
                    UNSUPPORTED_MEDIA_TYPE,
                    where + " has contentType " + type + ", which this server does not store; allowed types: "
                            + String.join(", ", allowed));
        }
    }

    boolean isAllowed(String normalizedType) {
        return isAllowed(normalizedType, allowed);
    }

    private static boolean isAllowed(String normalizedType, List<String> allowed) {
        for (String pattern : allowed) {
            if (pattern.endsWith("/*")
                    ? normalizedType.startsWith(pattern.substring(0, pattern.length() - 1))
                    : normalizedType.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Application/PDF; name=x} to {@code application/pdf}; null to empty. */
    static String normalize(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
