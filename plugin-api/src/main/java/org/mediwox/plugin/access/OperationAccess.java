package org.mediwox.plugin.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an operation asks of the caller's access token, declared on its HAPI {@code @Operation} method by the module that
 * contributes it and read by the server's security layer when it builds a request's authorization rules. The server
 * holds no list of the modules' operations or inputs: an {@code @Operation} method without this declaration is refused
 * to every token, whatever its scopes.
 *
 * <p>Two questions are answered here. <b>Who may call it</b>: {@link #anyOf()}, SMART permission letters on resource
 * types. <b>Whom it acts for</b>: the inputs that name a patient or a patient's resource, so that a token limited to one
 * patient (a {@code patient/} scope with its launch patient) can be kept to that patient — inputs the FHIR search and
 * resource rules cannot see, because they are operation parameters rather than resources. Responses of a permitted
 * operation are what the operation chose to return; the operation is responsible for them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationAccess {

    /** The token needs at least one of these. An empty list permits no token. */
    Grant[] anyOf();

    /**
     * Inputs naming the patient the operation acts for: a Patient reference ({@code Patient/123}, an absolute URL), a
     * bare Patient id, or a Patient resource. A token limited to one patient may name only that patient; a Patient
     * resource without that patient's id, a reference by identifier or a search URL counts as another patient.
     */
    String[] patientInputs() default {};

    /**
     * Inputs naming a resource that must be the token's patient's: a reference or id of a stored resource (of the
     * operation's type when the value carries none), or a resource given whole. A stored resource must refer to the
     * token's patient (others may share it: a family visit); a resource given whole must refer to no other patient; an
     * id that a {@link ProposalPatients} resolves counts as its proposal's patient.
     */
    String[] patientResourceInputs() default {};

    /** Whether an instance-level call's instance must be the token's patient's (checked as a resource input). */
    boolean instanceOfPatient() default false;

    /**
     * Whether a call with a token limited to one patient must name that patient (through a patient input, a resource
     * input, or the instance): an operation that would otherwise act for a patient of its own choosing.
     */
    boolean namesPatient() default false;

    /**
     * Inputs that make a call a change rather than a read (an operation that answers a state with {@code GET} and
     * changes it when these are given): a call with any of them needs one of {@link #toChange()} too. The writes an
     * operation makes are the operation's, not checked again by the scope rules; this is where a change is ruled.
     */
    String[] changingInputs() default {};

    /** What a call with any of the {@link #changingInputs()} needs beyond {@link #anyOf()}. */
    Grant[] toChange() default {};

    /** SMART permission on a resource type, as the scopes of the token grant it. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Grant {

        /** A FHIR resource type. */
        String type();

        /** One SMART v2 permission letter: {@code c}, {@code r}, {@code u}, {@code d} or {@code s}. */
        char permission();

        /** Which of the token's scopes count. */
        Scopes scopes() default Scopes.ANY;
    }

    /** Which scopes grant a {@link Grant}. */
    enum Scopes {
        /** {@code patient/}, {@code user/} or {@code system/} scopes. */
        ANY,
        /** {@code user/} or {@code system/} scopes: the type beyond one patient's compartment. */
        BEYOND_PATIENT,
        /**
         * {@code user/} or {@code system/} scopes without a filter (SMART v2's {@code ?category=…}): every resource of
         * the type — for operations that report on all of them.
         */
        ALL_OF_TYPE
    }
}
