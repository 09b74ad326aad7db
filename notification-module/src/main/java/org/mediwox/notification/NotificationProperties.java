package org.mediwox.notification;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.mediwox.notification.endpoint.AllowedEndpoints;
import org.mediwox.plugin.server.Deployment;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings, bound from {@code mediwox.notification.*}. AWS region, credentials and the SNS endpoint come
 * from the AWS SDK's own configuration ({@code AWS_REGION}, the credentials chain, {@code AWS_ENDPOINT_URL_SNS}).
 *
 * @param enabled whether the notification plugin is active
 * @param transport {@code log} (messages recorded and logged, nothing sent) or {@code aws} (Amazon SES and SNS); unset
 *     means {@code log} in demo mode, and refuses the start in production ({@code mediwox.demo=false}), where {@code
 *     log} must be chosen explicitly
 * @param reminderOffsets how long before an appointment's start SMS reminders go out; whole days count as calendar
 *     days in the clinic's time zone (the same wall-clock time the day before, also across a daylight-saving change)
 * @param timeZone the clinic's time zone: times in messages, calendar-day reminder offsets
 * @param sender the From address of emails (an SES-verified identity)
 * @param smsSenderId the SMS sender id (where the destination country supports one)
 * @param manageUrl where a patient sees, changes or cancels appointments (put into every message); the default, the
 *     demo's local address, refuses the start in production
 * @param clinicPhone a phone number patients can call to cancel (put into every message); the default, a fictional
 *     number, refuses the start in production
 * @param sesEndpoint SES endpoint override ({@code AWS_ENDPOINT_URL_SES}); empty = the SDK's default
 * @param retryBudget delivery attempts before a message is dead-lettered
 * @param retryBackoff delay before the second attempt; doubled for each further one
 * @param maxRetryBackoff upper bound of that delay
 * @param pollInterval how often the dispatcher looks for due messages
 * @param concurrency how many messages a node claims and sends at the same time: every claimed message is in flight,
 *     so a crash can send at most this many a second time
 * @param lease how long a claim holds a message; a message claimed by a node that died is due again after it. Sends
 *     give up after half of it (at most 30 s), so a live node always records its outcome within its lease
 * @param restHook rules for rest-hook endpoints
 */
@ConfigurationProperties("mediwox.notification")
public record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        Transport transport,
        @DefaultValue({"24h", "2h"}) List<Duration> reminderOffsets,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("Mediwox <no-reply@mediwox.example>") String sender,
        @DefaultValue("Mediwox") String smsSenderId,
        @DefaultValue(DEMO_MANAGE_URL) String manageUrl,
        @DefaultValue(DEMO_CLINIC_PHONE) String clinicPhone,
        @DefaultValue("") String sesEndpoint,
        @DefaultValue("8") int retryBudget,
        @DefaultValue("10s") Duration retryBackoff,
        @DefaultValue("1h") Duration maxRetryBackoff,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("4") int concurrency,
        @DefaultValue("1m") Duration lease,
        @DefaultValue RestHook restHook) {

    /**
     * Rest-hook settings ({@code mediwox.notification.rest-hook.*}).
     *
     * @param allowedEndpoints trusted internal receivers that may use plain http and loopback or private addresses:
     *     {@code host}, {@code host:port} or CIDR entries (see {@link AllowedEndpoints}); empty = https to public
     *     addresses only
     */
    public record RestHook(@DefaultValue List<String> allowedEndpoints) {
        public RestHook {
            allowedEndpoints = List.copyOf(allowedEndpoints);
            AllowedEndpoints.parse(allowedEndpoints); // a bad entry fails the start, naming the key
        }

        /** The parsed allowlist. */
        public AllowedEndpoints allowed() {
            return AllowedEndpoints.parse(allowedEndpoints);
        }
    }

    /** The demo's manage URL: the patient app on a local server, reachable by nobody a message goes to. */
    public static final String DEMO_MANAGE_URL = "http://localhost:8080/app";

    /** The demo's clinic phone: a fictional number (555-01xx). */
    public static final String DEMO_CLINIC_PHONE = "+12025550100";

    /**
     * The transport messages go through: the one set, else {@code log} in demo mode. In production an unset transport
     * never gets here ({@link NotificationSettingsCheck} refuses the start); should it, nothing is sent silently.
     */
    public Transport transportIn(Deployment mode) {
        if (transport != null) {
            return transport;
        }
        if (mode.demo()) {
            return Transport.LOG;
        }
        throw new IllegalStateException(NotificationSettingsCheck.TRANSPORT_UNSET);
    }

    /** Where messages go. */
    public enum Transport {
        LOG,
        AWS
    }

    public NotificationProperties {
        reminderOffsets = List.copyOf(reminderOffsets);
        for (Duration offset : reminderOffsets) {
            if (offset.isNegative() || offset.isZero()) {
                throw new IllegalArgumentException(
                        "mediwox.notification.reminder-offsets must all be positive, got " + offset);
            }
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(
                    "mediwox.notification.concurrency must be at least 1, got " + concurrency);
        }
        if (lease.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("mediwox.notification.lease must be at least 4s, got " + lease);
        }
        if (retryBudget < 1) {
            throw new IllegalArgumentException(
                    "mediwox.notification.retry-budget must be at least 1, got " + retryBudget);
        }
    }

    /** How long one send may take: half the lease, at most 30 s. */
    public Duration sendTimeout() {
        Duration half = lease.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(30)) < 0 ? half : Duration.ofSeconds(30);
    }
}
