package org.mediwox.server.documents;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A flat store of immutable objects by key: Amazon S3 in production, the local file system in the zero-setup run.
 * Failures to reach the store surface as {@link org.mediwox.server.fhir.ServiceUnavailableException} (503).
 */
interface ObjectStore {

    /** Stores {@code content} under {@code key}, encrypted at rest where the store supports it. */
    void put(String key, byte[] content, String contentType);

    /** The object's bytes, or {@code null} when there is no such object. */
    byte[] get(String key);

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key);

    /** Calls {@code action} with the key of every object last written before {@code cutoff}. */
    void forEachOlderThan(Instant cutoff, Consumer<String> action);

    /** Where the objects are, for logs. */
    String describe();
}
