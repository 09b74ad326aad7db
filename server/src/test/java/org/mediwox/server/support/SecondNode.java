package org.mediwox.server.support;

import javax.sql.DataSource;
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
        return ProductionNode.named(name)
                .safe()
                .onDatabaseOf(firstNodes)
                .with(
                        "--mediwox.fhir.server-address=" + fhirBase,
                        "--mediwox.notification.rest-hook.allowed-endpoints=" + ServerIT.LOCAL_RECEIVERS,
                        // races queue for their turn here, as on the first node (see ServerIT)
                        "--mediwox.admission.max-queue=1000",
                        "--mediwox.admission.max-wait=2m")
                .with(extra)
                .start();
    }
}
