package org.mediwox.notification;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.mediwox.notification.account.AccountMessages;
import org.mediwox.notification.delivery.Dispatcher;
import org.mediwox.notification.delivery.EmailSender;
import org.mediwox.notification.delivery.LogTransport;
import org.mediwox.notification.delivery.RestHookSender;
import org.mediwox.notification.delivery.SesEmailSender;
import org.mediwox.notification.delivery.SmsSender;
import org.mediwox.notification.delivery.SnsSmsSender;
import org.mediwox.notification.endpoint.EndpointPolicy;
import org.mediwox.notification.metrics.OutboxGauges;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.planning.AppointmentChangeRecorder;
import org.mediwox.notification.planning.MessageTemplates;
import org.mediwox.notification.planning.NotificationPlanner;
import org.mediwox.notification.preferences.NotificationPreferencesOperation;
import org.mediwox.notification.subscription.ActiveSubscriptions;
import org.mediwox.notification.subscription.DefaultSubscriptions;
import org.mediwox.notification.subscription.Handshakes;
import org.mediwox.notification.subscription.NotificationBundles;
import org.mediwox.notification.subscription.SubscriptionRules;
import org.mediwox.notification.subscription.SubscriptionStatusOperation;
import org.mediwox.notification.subscription.TopicCapabilities;
import org.mediwox.notification.view.NotificationOperations;
import org.mediwox.plugin.server.Deployment;
import org.mediwox.plugin.server.PublicFhirBase;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Entry point of the notification plugin: Appointment changes recorded as messages in a transactional outbox, then
 * delivered by email (Amazon SES) and SMS (Amazon SNS) — or only logged with the default {@code log} transport.
 * Switched off with {@code mediwox.notification.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(prefix = "mediwox.notification", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(NotificationProperties.class)
@EnableScheduling
public class NotificationAutoConfiguration {

    /** What in this module's settings is unsafe in production; the server refuses to start on it. */
    @Bean
    NotificationSettingsCheck notificationSettingsCheck(NotificationProperties properties) {
        return new NotificationSettingsCheck(properties);
    }

    /** The outbox and its delivery, present when the server runs HAPI's JPA storage and a FHIR endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({RestfulServer.class, DaoRegistry.class, DataSource.class})
    static class Outboxes {

        @Bean
        Outbox notificationOutbox(DataSource dataSource) {
            return new Outbox(new JdbcTemplate(dataSource));
        }

        /**
         * The outbox's gauges, bound by Spring Boot to the server's metrics registry when Micrometer is there (the
         * server's Actuator); without it, nothing.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
        static class OutboxMetrics {

            @Bean
            OutboxGauges notificationOutboxGauges(Outbox outbox) {
                return new OutboxGauges(outbox, Clock.systemUTC());
            }
        }

        @Bean
        ActiveSubscriptions activeSubscriptions(DaoRegistry daoRegistry, ObjectProvider<SearchParamMatcher> matcher) {
            return new ActiveSubscriptions(daoRegistry, matcher, Duration.ofSeconds(5), Clock.systemUTC());
        }

        /** Notification Bundles name resources by the public FHIR base, which the server provides. */
        @Bean
        NotificationBundles notificationBundles(DaoRegistry daoRegistry, PublicFhirBase base) {
            return new NotificationBundles(daoRegistry.getSystemDao().getContext(), base);
        }

        /** Where rest-hooks may go: checked when a Subscription is stored and at every delivery. */
        @Bean
        EndpointPolicy restHookEndpointPolicy(NotificationProperties properties) {
            return new EndpointPolicy(properties.restHook().allowed());
        }

        @Bean
        NotificationPlanner notificationPlanner(
                DaoRegistry daoRegistry,
                Outbox outbox,
                ActiveSubscriptions subscriptions,
                NotificationProperties properties) {
            return new NotificationPlanner(
                    daoRegistry,
                    new MessageTemplates(properties.timeZone(), properties.manageUrl(), properties.clinicPhone()),
                    outbox,
                    subscriptions,
                    properties.reminderOffsets(),
                    properties.timeZone(),
                    Clock.systemUTC());
        }

        /** The server's account e-mails (plugin-api's AccountMailer), through this outbox. */
        @Bean
        AccountMessages accountMessages(Outbox outbox, NotificationProperties properties) {
            return new AccountMessages(
                    outbox,
                    new MessageTemplates(properties.timeZone(), properties.manageUrl(), properties.clinicPhone()),
                    Clock.systemUTC());
        }

        @Bean
        Dispatcher notificationDispatcher(
                Outbox outbox,
                NotificationBundles bundles,
                NotificationProperties properties,
                Deployment mode,
                EndpointPolicy endpointPolicy) {
            EmailSender email;
            SmsSender sms;
            NotificationProperties.Transport transport = properties.transportIn(mode);
            if (transport == NotificationProperties.Transport.AWS) {
                email = new SesEmailSender(ses(properties), properties.sender());
                sms = new SnsSmsSender(
                        SnsClient.builder()
                                .overrideConfiguration(timeouts(properties))
                                .build(),
                        properties.smsSenderId());
            } else {
                // in production a message only logged was not sent, and the outbox must not say it was
                LogTransport log = new LogTransport(mode.demo() ? MessageStatus.SENT : MessageStatus.LOGGED);
                email = log;
                sms = log;
            }
            LoggerFactory.getLogger(Dispatcher.class)
                    .info(
                            "Notifications: transport {}, reminders {} before, time zone {}",
                            transport.name().toLowerCase(),
                            properties.reminderOffsets(),
                            properties.timeZone());
            return new Dispatcher(
                    outbox,
                    email,
                    sms,
                    properties.retryBudget(),
                    properties.retryBackoff(),
                    properties.maxRetryBackoff(),
                    properties.concurrency(),
                    properties.lease(),
                    new RestHookSender(endpointPolicy, properties.sendTimeout()),
                    bundles,
                    Clock.systemUTC());
        }

        /** SES v2; {@code AWS_ENDPOINT_URL_SES} / {@code mediwox.notification.ses-endpoint} overrides the endpoint. */
        private static SesV2Client ses(NotificationProperties properties) {
            SesV2ClientBuilder builder = SesV2Client.builder().overrideConfiguration(timeouts(properties));
            String endpoint = properties.sesEndpoint().isBlank()
                    ? System.getenv().getOrDefault("AWS_ENDPOINT_URL_SES", "")
                    : properties.sesEndpoint();
            if (!endpoint.isBlank()) {
                builder.endpointOverride(URI.create(endpoint));
            }
            return builder.build();
        }

        /** A send ends (delivered or failed) within half the lease, so a live node records it under its claim. */
        private static ClientOverrideConfiguration timeouts(NotificationProperties properties) {
            Duration call = properties.sendTimeout();
            Duration attempt = call.compareTo(Duration.ofSeconds(10)) < 0 ? call : Duration.ofSeconds(10);
            return ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(attempt)
                    .apiCallTimeout(call)
                    .build();
        }

        @Bean
        SmartInitializingSingleton registerNotifications(
                IInterceptorService interceptors,
                RestfulServer server,
                NotificationPlanner planner,
                Outbox outbox,
                DaoRegistry daoRegistry,
                ActiveSubscriptions subscriptions,
                NotificationBundles bundles,
                ObjectProvider<SearchParamMatcher> matcher,
                EndpointPolicy endpointPolicy) {
            return () -> {
                interceptors.registerInterceptor(new SubscriptionRules(
                        subscriptions, new Handshakes(outbox, Clock.systemUTC()), outbox, matcher, endpointPolicy));
                interceptors.registerInterceptor(new AppointmentChangeRecorder(planner));
                server.registerInterceptor(new TopicCapabilities());
                server.registerProvider(new NotificationOperations(outbox, Clock.systemUTC()));
                server.registerProvider(new SubscriptionStatusOperation(daoRegistry, outbox, bundles));
                server.registerProvider(new NotificationPreferencesOperation(daoRegistry));
            };
        }

        /**
         * The patient messages are Subscriptions too: created when they have never existed, before the web server takes
         * its first request (a booking in between would find no patient subscription and tell nobody).
         */
        @Bean
        SmartLifecycle defaultPatientSubscriptions(DaoRegistry daoRegistry) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    DefaultSubscriptions.ensure(daoRegistry);
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return 0; // the web server starts in a later phase
                }
            };
        }
    }
}
