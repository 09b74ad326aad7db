package org.mediwox.server.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.metrics.StartupStep;

/**
 * Where the start goes: with {@code mediwox.startup.report=N} (system property, {@code MEDIWOX_STARTUP_REPORT} or
 * {@code --mediwox.startup.report=N}) Spring's {@link BufferingApplicationStartup} records every step of the context's
 * refresh (bean instantiations, post-processors, the web server), and once the application is ready the N steps that
 * took longest <em>themselves</em> — without the time of the steps nested in them, so that a bean waiting for its
 * dependencies does not hide them — are logged, with the time from the JVM's start to ready.
 *
 * <p>Read before the context exists (it decides how the context records its start), hence not a
 * {@code @ConfigurationProperties} key. Off by default: recording costs a little memory and time.
 */
public final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    static final String KEY = "mediwox.startup.report";
    /** Steps a Mediwox start records: about ten thousand; more are dropped (and the report says so). */
    private static final int CAPACITY = 50_000;

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final BufferingApplicationStartup startup;
    private final int steps;

    private StartupReport(BufferingApplicationStartup startup, int steps) {
        this.startup = startup;
        this.steps = steps;
    }

    /** Records the start of {@code application} if the report is asked for; does nothing otherwise. */
    public static void installIfAsked(SpringApplication application, String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        int steps = environment.getProperty(KEY, Integer.class, 0);
        if (steps > 0) {
            BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);
            application.setApplicationStartup(startup);
            application.addListeners(new StartupReport(startup, steps));
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        log.info(
                "start-up report: ready {} ms after the JVM started; {} steps recorded; the {} slowest by own time"
                        + " (total minus nested steps):",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                events.size(),
                steps);
        byKind(slowest(events, events.size()))
                .forEach((kind, own) -> log.info("  by kind: {} ms own  {}", own.toMillis(), kind));
        for (Step step : slowest(events, steps)) {
            log.info(
                    "  {} ms own, {} ms total  {} {}",
                    step.own.toMillis(),
                    step.total.toMillis(),
                    step.name,
                    step.tags);
        }
    }

    static List<Step> slowest(List<TimelineEvent> events, int limit) {
        Map<Long, Duration> nested = new HashMap<>();
        for (TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                nested.merge(parent, event.getDuration(), Duration::plus);
            }
        }
        List<Step> result = new ArrayList<>();
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            Duration own = event.getDuration().minus(nested.getOrDefault(step.getId(), Duration.ZERO));
            StringBuilder tags = new StringBuilder();
            step.getTags()
                    .forEach(tag -> tags.append(tag.getKey())
                            .append('=')
                            .append(tag.getValue())
                            .append(' '));
            result.add(new Step(step.getName(), tags.toString().trim(), own, event.getDuration()));
        }
        result.sort(Comparator.comparing((Step s) -> s.own).reversed());
        return result.subList(0, Math.min(limit, result.size()));
    }

    /**
     * Own time summed by step name, HAPI's per-resource-type DAOs ({@code my<Type>DaoR4}, one bean per FHIR resource
     * type whether the type is used or not) apart from the other beans; largest first.
     */
    static Map<String, Duration> byKind(List<Step> steps) {
        Map<String, Duration> kinds = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Step step : steps) {
            String kind =
                    step.tags.matches("beanName=my[A-Za-z]+DaoR4.*") ? step.name + " (HAPI resource DAOs)" : step.name;
            kinds.merge(kind, step.own, Duration::plus);
            counts.merge(kind, 1, Integer::sum);
        }
        Map<String, Duration> sorted = new java.util.LinkedHashMap<>();
        kinds.entrySet().stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey() + " x" + counts.get(e.getKey()), e.getValue()));
        return sorted;
    }

    record Step(String name, String tags, Duration own, Duration total) {}
}
