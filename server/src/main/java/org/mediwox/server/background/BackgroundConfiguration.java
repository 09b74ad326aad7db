package org.mediwox.server.background;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Mediwox's one mechanism for background work. Every {@code @Scheduled} method, the server's and the modules', runs on
 * one scheduler configured by {@code spring.task.scheduling.*}; the one-off warm-up at start runs there too. A job that
 * must run on one node of a cluster at a time is marked {@code @SchedulerLock}: ShedLock takes its row in
 * {@code mediwox.shedlock} (database time) before it runs, and a node that finds the row held skips that round.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class BackgroundConfiguration {

    /** The scheduler's bean name: HAPI's configuration defines a {@code taskScheduler} of its own. */
    public static final String SCHEDULER = "mediwoxTaskScheduler";

    /** Built by Spring Boot from {@code spring.task.scheduling.*} (pool size, thread names, shutdown). */
    @Bean(SCHEDULER)
    ThreadPoolTaskScheduler mediwoxTaskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

    /** The {@code @Scheduled} methods run on Mediwox's scheduler, not on HAPI's. */
    @Bean
    SchedulingConfigurer mediwoxSchedulingConfigurer(@Qualifier(SCHEDULER) ThreadPoolTaskScheduler scheduler) {
        return registrar -> registrar.setTaskScheduler(scheduler);
    }

    @Bean
    LockProvider mediwoxLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("mediwox.shedlock")
                .usingDbTime()
                .build());
    }
}
