package org.mediwox.server.support;

import ca.uhn.fhir.jpa.util.CircularQueueCaptureQueriesListener;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts HAPI's own statement recorder (the one its JPA tests count queries with, over datasource-proxy) in front of the
 * server's DataSource. It records nothing until a test calls {@code startCollecting()}, so the other tests of the
 * shared context pay one indirection per statement and nothing else.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

    @Bean
    static CircularQueueCaptureQueriesListener statementRecorder() {
        return new CircularQueueCaptureQueriesListener();
    }

    @Bean
    static BeanPostProcessor countingDataSource(
            org.springframework.beans.factory.ObjectProvider<CircularQueueCaptureQueriesListener> recorder) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource dataSource) || !"dataSource".equals(name)) {
                    return bean;
                }
                CircularQueueCaptureQueriesListener listener = recorder.getObject();
                return ProxyDataSourceBuilder.create(dataSource)
                        .name("counted")
                        .afterQuery(listener)
                        .afterMethod(listener)
                        .build();
            }
        };
    }
}
