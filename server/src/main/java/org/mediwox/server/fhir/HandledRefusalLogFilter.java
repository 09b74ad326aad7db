package org.mediwox.server.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps HAPI's "HAPI-2544: Exception handling threw an exception" out of the log for refusals an interceptor answered
 * itself (the scheduling module's IHE refusal Bundle). HAPI 8.8's RestfulServer logs that error, with the refusal's
 * stack trace, whenever a {@code SERVER_HANDLE_EXCEPTION} hook writes the response (returns false), although nothing
 * failed; a 409 of two patients racing for one time is not a server error. Only 4xx refusals are filtered: anything
 * else still logs.
 */
class HandledRefusalLogFilter extends TurboFilter {

    private static final String RESTFUL_SERVER = "ca.uhn.fhir.rest.server.RestfulServer";

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (level != Level.ERROR
                || format == null
                || !format.startsWith("HAPI-2544")
                || !RESTFUL_SERVER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Object initial =
                thrown != null ? thrown : params == null || params.length == 0 ? null : params[params.length - 1];
        return initial instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
