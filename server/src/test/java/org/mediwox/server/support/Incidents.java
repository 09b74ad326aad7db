package org.mediwox.server.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The server's incidents as its log records them (a 5xx answers only "incident &lt;id&gt;", the cause goes to the
 * log): kept while the tests run in the server's JVM, so that a failed assertion on a response can show the cause — a
 * CI run keeps the failure summary, not the whole log.
 */
public final class Incidents {

    private static final String LOGGER = "org.mediwox.server.fhir.SafeErrorInterceptor";
    private static final String NAME = "incidents-for-tests";
    private static final Pattern ID = Pattern.compile("incident ([0-9a-f-]{36})");
    private static final int KEPT = 100;
    private static final int STACK_LINES = 40;
    private static final Deque<ILoggingEvent> RECENT = new ConcurrentLinkedDeque<>();
    private static final AppenderBase<ILoggingEvent> APPENDER = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            RECENT.addLast(event);
            while (RECENT.size() > KEPT) {
                RECENT.pollFirst();
            }
        }
    };

    private Incidents() {}

    /** Listens to the server's incident log (again after Spring Boot reset the logging of a new context). */
    static void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        if (logger.getAppender(NAME) == null) {
            APPENDER.setName(NAME);
            APPENDER.setContext(logger.getLoggerContext());
            APPENDER.start();
            logger.addAppender(APPENDER);
        }
    }

    /** The response body, and the logged cause of the incident it names (if any), for an assertion's description. */
    public static String describe(String body) {
        Matcher id = ID.matcher(body == null ? "" : body);
        if (!id.find()) {
            return body;
        }
        return RECENT.stream()
                .filter(event -> event.getFormattedMessage().contains(id.group(1)))
                .findFirst()
                .map(event -> body + "\nserver log: " + event.getFormattedMessage() + "\n"
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())
                                        .lines()
                                        .limit(STACK_LINES)
                                        .collect(Collectors.joining("\n"))))
                .orElse(body + "\n(incident " + id.group(1) + " not in the log kept for tests)");
    }
}
