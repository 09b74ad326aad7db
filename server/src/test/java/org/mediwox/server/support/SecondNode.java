package org.mediwox.server.support;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.mediwox.server.MediwoxApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second Mediwox node in the test JVM, as production runs it behind a load balancer: on the first node's database,
 * under the first node's public address (one issuer, one audience: the tokens of either are valid at both), with the
 * settings production mode requires, and trusting the test run's rest-hook receivers as the first node does (it shares
 * the outbox, so it may deliver their rest-hooks too).
 */
public final class SecondNode {

    private SecondNode() {}

    /**
     * @param name names the node's own data directory
     * @param extra further {@code --key=value} arguments
     */
    public static ConfigurableApplicationContext start(
            DataSource firstNodes, String fhirBase, String name, String... extra) {
        HikariDataSource shared = (HikariDataSource) firstNodes;
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--mediwox.demo=false",
                // production refuses the demo's notification defaults (ProductionSettingsCheck)
                "--mediwox.notification.transport=log",
                "--mediwox.notification.manage-url=https://clinic.example/app",
                "--mediwox.notification.clinic-phone=+14155550123",
                "--mediwox.fhir.server-address=" + fhirBase,
                "--mediwox.data-dir="
                        + Path.of("target", "it-data", name + "-" + UUID.randomUUID())
                                .toAbsolutePath(),
                "--spring.datasource.url=" + shared.getJdbcUrl(),
                "--spring.datasource.username=" + shared.getUsername(),
                "--spring.datasource.password=",
                "--mediwox.notification.rest-hook.allowed-endpoints=" + ServerIT.LOCAL_RECEIVERS));
        arguments.addAll(List.of(extra));
        return new SpringApplicationBuilder(MediwoxApplication.class).run(arguments.toArray(String[]::new));
    }
}
