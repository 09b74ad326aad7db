package org.mediwox.scheduling;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.mediwox.plugin.access.ProposalPatients;
import org.mediwox.scheduling.assignment.PoolChangeInterceptor;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.assignment.RoundRobinCursor;
import org.mediwox.scheduling.availability.FindProvider;
import org.mediwox.scheduling.availability.ProposalIds;
import org.mediwox.scheduling.availability.SlotAvailability;
import org.mediwox.scheduling.availability.SlotAvailabilityBackfill;
import org.mediwox.scheduling.availability.SlotAvailabilityInterceptor;
import org.mediwox.scheduling.availability.SlotSearch;
import org.mediwox.scheduling.booking.BookingClaimInterceptor;
import org.mediwox.scheduling.booking.BookingClaims;
import org.mediwox.scheduling.booking.BookingProvider;
import org.mediwox.scheduling.booking.BookingService;
import org.mediwox.scheduling.booking.Cancellation;
import org.mediwox.scheduling.booking.CancellationInterceptor;
import org.mediwox.scheduling.booking.ClaimDerivation;
import org.mediwox.scheduling.booking.HoldExpiry;
import org.mediwox.scheduling.booking.IdempotencyKeys;
import org.mediwox.scheduling.booking.IheRefusal;
import org.mediwox.scheduling.booking.SlotBooker;
import org.mediwox.scheduling.booking.UrgentReserve;
import org.mediwox.scheduling.generation.ConflictTasks;
import org.mediwox.scheduling.generation.GenerationInterceptor;
import org.mediwox.scheduling.generation.SlotGenerator;
import org.mediwox.scheduling.payer.CoverageCheck;
import org.mediwox.scheduling.payer.PayerConfiguration;
import org.mediwox.scheduling.payer.PayerHook;
import org.mediwox.scheduling.publish.BulkPublishConfiguration;
import org.mediwox.scheduling.rules.RefusalCodes;
import org.mediwox.scheduling.rules.TimeWindowRuleInterceptor;
import org.mediwox.scheduling.staff.StaffDirectory;
import org.mediwox.scheduling.staff.StaffRulesInterceptor;
import org.mediwox.scheduling.waitlist.Waitlist;
import org.mediwox.scheduling.waitlist.WaitlistOffers;
import org.mediwox.scheduling.waitlist.WaitlistProvider;
import org.mediwox.scheduling.waitlist.WaitlistService;
import org.mediwox.scheduling.workload.CsvAnswer;
import org.mediwox.scheduling.workload.JsonAnswer;
import org.mediwox.scheduling.workload.WorkloadBackfill;
import org.mediwox.scheduling.workload.WorkloadFacts;
import org.mediwox.scheduling.workload.WorkloadInterceptor;
import org.mediwox.scheduling.workload.WorkloadProvider;
import org.mediwox.scheduling.workload.WorkloadQuery;
import org.mediwox.scheduling.workload.WorkloadService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the scheduling plugin: booking rules and operations, provider pools and fair assignment. The server
 * only puts this module on its class path; everything the module contributes is registered from here. Switched off
 * with {@code mediwox.scheduling.enabled=false}.
 */
// after the DataSource auto-configuration: with an external database the DataSource is defined there
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(prefix = "mediwox.scheduling", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchedulingProperties.class)
@EnableScheduling
public class SchedulingAutoConfiguration {

    @Bean
    @ConditionalOnBean(IInterceptorService.class)
    TimeWindowRuleInterceptor timeWindowRuleInterceptor(IInterceptorService interceptors) {
        TimeWindowRuleInterceptor rule = new TimeWindowRuleInterceptor();
        interceptors.registerInterceptor(rule);
        return rule;
    }

    /** The booking operations, present when the server runs HAPI's JPA storage and a FHIR endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({RestfulServer.class, DaoRegistry.class, DataSource.class})
    @Import(PayerConfiguration.class)
    static class Booking {

        @Bean
        BookingClaims bookingClaims(DataSource dataSource) {
            return new BookingClaims(new JdbcTemplate(dataSource));
        }

        @Bean
        ClaimDerivation claimDerivation(DaoRegistry daoRegistry) {
            return new ClaimDerivation(daoRegistry);
        }

        /** The booking rule of every path that writes an Appointment (and the Slots that follow it). */
        @Bean
        BookingClaimInterceptor bookingClaimInterceptor(
                BookingClaims claims,
                ClaimDerivation derivation,
                DaoRegistry daoRegistry,
                IInterceptorService interceptors) {
            BookingClaimInterceptor rule = new BookingClaimInterceptor(claims, derivation, daoRegistry);
            interceptors.registerInterceptor(rule);
            return rule;
        }

        @Bean
        IdempotencyKeys idempotencyKeys(DataSource dataSource, SchedulingProperties properties) {
            return new IdempotencyKeys(new JdbcTemplate(dataSource), properties.idempotencyKeyRetention());
        }

        @Bean
        Cancellation cancellation(DaoRegistry daoRegistry, IInterceptorService interceptors) {
            interceptors.registerInterceptor(new CancellationInterceptor());
            return new Cancellation(daoRegistry);
        }

        @Bean
        SlotAvailability slotAvailability(
                DataSource dataSource, IInterceptorService interceptors, SchedulingProperties properties) {
            SlotAvailability availability = new SlotAvailability(new JdbcTemplate(dataSource), properties.timeZone());
            interceptors.registerInterceptor(new SlotAvailabilityInterceptor(availability));
            return availability;
        }

        @Bean
        SlotAvailabilityBackfill slotAvailabilityBackfill(
                SlotAvailability availability, DaoRegistry daoRegistry, IHapiTransactionService transactions) {
            return new SlotAvailabilityBackfill(availability, daoRegistry, transactions);
        }

        /** The signed ids of {@code $find}'s proposals. */
        @Bean
        ProposalIds proposalIds(DataSource dataSource) {
            return new ProposalIds(new JdbcTemplate(dataSource));
        }

        /** Whose a proposal is, for the security layer: a proposal is no stored Appointment it could read. */
        @Bean
        ProposalPatients proposalPatients(ProposalIds proposalIds) {
            return (type, id) -> "Appointment".equals(type)
                    ? proposalIds.read(id).map(ProposalIds.Proposal::patientId)
                    : Optional.empty();
        }

        @Bean
        SlotSearch slotSearch(DaoRegistry daoRegistry, SlotAvailability availability) {
            return new SlotSearch(daoRegistry, availability);
        }

        @Bean
        PoolResolver poolResolver(
                DaoRegistry daoRegistry, SchedulingProperties properties, IInterceptorService interceptors) {
            PoolResolver pools = new PoolResolver(daoRegistry, properties.poolCacheTtl());
            interceptors.registerInterceptor(new PoolChangeInterceptor(pools));
            return pools;
        }

        @Bean
        BookingService bookingService(
                DaoRegistry daoRegistry,
                IHapiTransactionService transactions,
                IdempotencyKeys idempotencyKeys,
                DataSource dataSource,
                SlotSearch slotSearch,
                BookingClaims claims,
                ClaimDerivation derivation,
                Cancellation cancellation,
                PoolResolver pools,
                CoverageCheck coverageCheck,
                SchedulingProperties properties) {
            return new BookingService(
                    daoRegistry,
                    transactions,
                    idempotencyKeys,
                    pools,
                    new RoundRobinCursor(new JdbcTemplate(dataSource)),
                    slotSearch,
                    new SlotBooker(
                            daoRegistry,
                            claims,
                            derivation,
                            new UrgentReserve(
                                    properties.urgentReservedPerDay(),
                                    properties.timeZone(),
                                    slotSearch,
                                    new JdbcTemplate(dataSource))),
                    cancellation,
                    claims,
                    coverageCheck);
        }

        /** Its {@code @Scheduled} sweep runs on the host application's scheduler. */
        @Bean
        HoldExpiry holdExpiry(
                IHapiTransactionService transactions,
                BookingClaims claims,
                IdempotencyKeys idempotencyKeys,
                DaoRegistry daoRegistry) {
            return new HoldExpiry(transactions, claims, idempotencyKeys, daoRegistry);
        }

        /** The waiting list: its rule on every Appointment write, and joining. */
        @Bean
        WaitlistService waitlistService(
                DaoRegistry daoRegistry,
                IHapiTransactionService transactions,
                DataSource dataSource,
                Cancellation cancellation,
                PoolResolver pools,
                IInterceptorService interceptors) {
            return Waitlist.service(
                    daoRegistry, transactions, new JdbcTemplate(dataSource), cancellation, pools, interceptors);
        }

        /** Its {@code @Scheduled} sweep offers free earlier Slots; it runs on the host application's scheduler. */
        @Bean
        WaitlistOffers waitlistOffers(
                WaitlistService waitlist,
                IHapiTransactionService transactions,
                DataSource dataSource,
                BookingService bookings,
                BookingClaims claims,
                DaoRegistry daoRegistry,
                SchedulingProperties properties) {
            return Waitlist.offers(
                    waitlist,
                    transactions,
                    new JdbcTemplate(dataSource),
                    bookings,
                    claims,
                    daoRegistry,
                    properties.waitlistOfferDuration());
        }

        @Bean
        SmartInitializingSingleton registerSchedulingOperations(
                RestfulServer server,
                BookingService bookings,
                Cancellation cancellation,
                SlotSearch slotSearch,
                SlotAvailability availability,
                DaoRegistry daoRegistry,
                ProposalIds proposalIds,
                WaitlistService waitlist,
                PayerHook payer,
                CoverageCheck coverageCheck,
                SchedulingProperties properties) {
            return () -> {
                server.registerInterceptor(new IheRefusal());
                server.registerInterceptor(new RefusalCodes());
                server.registerProviders(
                        new BookingProvider(
                                bookings,
                                payer,
                                cancellation,
                                daoRegistry,
                                proposalIds,
                                properties.holdDuration(),
                                Clock.systemUTC()),
                        new FindProvider(slotSearch, availability, daoRegistry, proposalIds, coverageCheck),
                        new WaitlistProvider(waitlist));
            };
        }
    }

    /**
     * Staff roles: who a practitioner is on the clinic's staff (their PractitionerRoles), and the rules of what each
     * may write, on every storage write.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({DaoRegistry.class, IInterceptorService.class})
    static class Staff {

        @Bean
        StaffDirectory staffDirectory(DaoRegistry daoRegistry) {
            return new StaffDirectory(daoRegistry);
        }

        @Bean
        StaffRulesInterceptor staffRulesInterceptor(
                StaffDirectory directory, DaoRegistry daoRegistry, IInterceptorService interceptors) {
            StaffRulesInterceptor rules = new StaffRulesInterceptor(directory, daoRegistry);
            interceptors.registerInterceptor(rules);
            return rules;
        }
    }

    /**
     * Slots generated from the availability of Schedules tagged {@code schedule-management|generated}: marked by every
     * write of what they follow, generated in the background (ShedLock {@value SlotGenerator#LOCK}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({RestfulServer.class, DaoRegistry.class, DataSource.class, IInterceptorService.class})
    static class SlotGeneration {

        @Bean
        SlotGenerator slotGenerator(
                DaoRegistry daoRegistry,
                IHapiTransactionService transactions,
                DataSource dataSource,
                BookingClaims claims,
                IInterceptorService interceptors,
                SchedulingProperties properties) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            interceptors.registerInterceptor(new GenerationInterceptor(jdbc));
            return new SlotGenerator(
                    daoRegistry,
                    transactions,
                    jdbc,
                    claims,
                    new ConflictTasks(daoRegistry, jdbc, Clock.systemUTC()),
                    properties.timeZone(),
                    properties.generation().slotLength(),
                    properties.generation().horizonDays(),
                    Clock.systemUTC());
        }
    }

    /**
     * The workload read model, kept in the transaction of every Appointment write. Switched off with {@code
     * mediwox.scheduling.workload.enabled=false} (to measure what it costs a booking).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({RestfulServer.class, DaoRegistry.class, DataSource.class, IInterceptorService.class})
    @ConditionalOnProperty(prefix = "mediwox.scheduling.workload", name = "enabled", matchIfMissing = true)
    static class Workload {

        @Bean
        WorkloadService workloadService(
                DataSource dataSource,
                StaffDirectory staff,
                PoolResolver pools,
                SlotAvailability availability,
                SchedulingProperties properties) {
            return new WorkloadService(
                    new WorkloadQuery(new JdbcTemplate(dataSource)),
                    staff,
                    pools,
                    availability,
                    properties.timeZone(),
                    Clock.systemUTC());
        }

        /** {@code $workload}, for the whole clinic and for providers. */
        @Bean
        SmartInitializingSingleton registerWorkloadOperation(RestfulServer server, WorkloadService workload) {
            return () -> {
                server.registerInterceptor(new CsvAnswer());
                server.registerInterceptor(new JsonAnswer());
                server.registerProvider(new WorkloadProvider(workload, Clock.systemUTC()));
            };
        }

        @Bean
        WorkloadFacts workloadFacts(
                DataSource dataSource, SchedulingProperties properties, IInterceptorService interceptors) {
            WorkloadFacts facts = new WorkloadFacts(new JdbcTemplate(dataSource));
            interceptors.registerInterceptor(new WorkloadInterceptor(facts, properties.timeZone(), Clock.systemUTC()));
            return facts;
        }

        @Bean
        WorkloadBackfill workloadBackfill(
                WorkloadFacts facts,
                DaoRegistry daoRegistry,
                IHapiTransactionService transactions,
                SchedulingProperties properties) {
            return new WorkloadBackfill(facts, daoRegistry, transactions, properties.timeZone());
        }
    }

    /** SMART Scheduling Links: the public availability feed {@code $bulk-publish} (package {@code publish}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({RestfulServer.class, DaoRegistry.class, DataSource.class})
    @Import(BulkPublishConfiguration.class)
    static class Publishing {}
}
