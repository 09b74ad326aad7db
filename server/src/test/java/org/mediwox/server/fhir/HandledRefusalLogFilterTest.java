package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HandledRefusalLogFilterTest {

    private static final String HANDLED =
            "HAPI-2544: Exception handling threw an exception.  Initial exception was: {}";

    private final HandledRefusalLogFilter filter = new HandledRefusalLogFilter();
    private final Logger hapi = (Logger) LoggerFactory.getLogger("ca.uhn.fhir.rest.server.RestfulServer");

    @Test
    void aRefusalAnInterceptorAnswered_isNotLoggedAsAnError() {
        var refusal = new ResourceVersionConflictException("Slot/1 is busy, not free");

        assertThat(filter.decide(null, hapi, Level.ERROR, HANDLED, new Object[] {"m", refusal}, null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void serverFailuresAndOtherMessages_stillLog() {
        var failure = new InternalErrorException("boom");
        var refusal = new ResourceVersionConflictException("taken");
        Logger other = (Logger) LoggerFactory.getLogger("org.mediwox.Other");

        assertThat(filter.decide(null, hapi, Level.ERROR, HANDLED, new Object[] {"m", failure}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, hapi, Level.ERROR, "HAPI-0001: other", new Object[] {refusal}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, other, Level.ERROR, HANDLED, new Object[] {"m", refusal}, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
