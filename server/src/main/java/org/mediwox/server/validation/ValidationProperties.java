package org.mediwox.server.validation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Profile validation, bound from {@code mediwox.validation.*}.
 *
 * @param mode what happens to a resource of a profiled type that breaks its Mediwox profile: {@code enforce} — refused
 *     with 422, nothing stored (plain REST writes, transactions, and what Mediwox's operations write alike);
 *     {@code warn} — stored, the problems logged; {@code off} — not validated
 * @param writes how stored resources are checked: {@code rules} — the rules Mediwox's profiles add (their invariants,
 *     raised cardinalities, extension value types), microseconds per resource; {@code full} — HAPI's instance validator
 *     against the profile on every write (also every base-specification rule; tens of milliseconds per resource on two
 *     cores). Resources a client passes into Mediwox's operations ({@code $book}, {@code $hold}, …) are always
 *     validated in full.
 */
@ConfigurationProperties("mediwox.validation")
record ValidationProperties(
        @DefaultValue("enforce") Mode mode,
        @DefaultValue("rules") Depth writes) {

    /** What happens to a resource that breaks its profile. */
    public enum Mode {
        OFF,
        WARN,
        ENFORCE
    }

    /** How much of a profile a stored resource is checked against. */
    public enum Depth {
        RULES,
        FULL
    }
}
