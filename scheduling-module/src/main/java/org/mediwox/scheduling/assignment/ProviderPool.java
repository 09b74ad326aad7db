package org.mediwox.scheduling.assignment;

import java.util.List;
import java.util.Map;

/**
 * The active PractitionerRoles that can serve a request, in a stable order (by resource id), each with its Schedules.
 *
 * @param key identifies the pool (its criteria); the rotation cursor is kept per key
 * @param members the providers, in rotation order
 */
public record ProviderPool(String key, List<Member> members) {

    /**
     * One provider of the pool.
     *
     * @param roleId the PractitionerRole id; also the provider key of booking claims
     * @param name the practitioner's name as the role gives it, or null
     * @param schedules the provider's active Schedules in the pool, by id, with the references of their actors
     */
    public record Member(String roleId, String name, Map<String, List<String>> schedules) {}

    public int size() {
        return members.size();
    }

    /** The member at rotation position {@code counter mod size}. */
    public int position(long counter) {
        return (int) Math.floorMod(counter, (long) members.size());
    }
}
