package org.mediwox.plugin.vocabulary;

import java.util.Arrays;
import java.util.Optional;

/**
 * A code of one of the IG's CodeSystems, kept as an enum constant ({@link BookingRefusal}, {@link CancellationReason}):
 * writers put {@link #system()} and {@link #code()} into a Coding, readers decide by them, never by a display text.
 */
public interface Coded {

    /** The CodeSystem's canonical URL. */
    String system();

    String code();

    /** The CodeSystem's display for the code (English). */
    String display();

    /** Whether a coding ({@code system}, {@code code}) is this code. */
    default boolean is(String system, String code) {
        return system().equals(system) && code().equals(code);
    }

    /** The constant of {@code type} a coding ({@code system}, {@code code}) names, if it names one. */
    static <E extends Enum<E> & Coded> Optional<E> of(Class<E> type, String system, String code) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.is(system, code))
                .findFirst();
    }
}
