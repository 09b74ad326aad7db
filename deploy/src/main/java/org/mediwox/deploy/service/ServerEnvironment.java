package org.mediwox.deploy.service;

import java.util.Map;
import java.util.TreeMap;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.documents.Documents;
import org.mediwox.deploy.fulltext.FullText;

/**
 * The server's production settings as the task's environment (main README, Configuration and Production checklist):
 * production mode, the public address, AWS transport, documents in S3 with SSE-KMS, full text on OpenSearch with SigV4
 * when several tasks run, the outbox's metrics to CloudWatch, the client address from the load balancer. Secrets are not here: the database credentials
 * are ECS secrets from Secrets Manager ({@link Service}).
 */
public final class ServerEnvironment {

    private ServerEnvironment() {}

    /**
     * @param resources the deployed resources' names the server needs
     */
    public static Map<String, String> of(DeploySettings settings, Resources resources) {
        Map<String, String> env = new TreeMap<>();
        env.put("MEDIWOX_DEMO", "false");
        env.put("MEDIWOX_FHIR_SERVER_ADDRESS", settings.fhirBase());
        env.put("SPRING_DATASOURCE_URL", resources.jdbcUrl());
        env.put("MEDIWOX_NOTIFICATION_TRANSPORT", "aws");
        env.put("MEDIWOX_NOTIFICATION_SENDER", settings.sender());
        env.put("MEDIWOX_NOTIFICATION_SMS_SENDER_ID", settings.smsSenderId());
        env.put("MEDIWOX_NOTIFICATION_MANAGE_URL", "https://" + settings.domainName() + "/app");
        env.put("MEDIWOX_NOTIFICATION_CLINIC_PHONE", settings.clinicPhone());
        env.put("MEDIWOX_NOTIFICATION_TIME_ZONE", settings.timeZone());
        env.put("MEDIWOX_DOCUMENTS_STORE", "s3");
        env.put("MEDIWOX_DOCUMENTS_BUCKET", resources.documentsBucket());
        env.put("MEDIWOX_DOCUMENTS_KEY_PREFIX", Documents.PREFIX);
        env.put("MEDIWOX_DOCUMENTS_KMS_KEY_ID", resources.documentsKeyArn());
        if (!settings.authIssuer().isEmpty()) {
            env.put("MEDIWOX_AUTH_ISSUER", settings.authIssuer());
        }
        if (!settings.corsOrigins().isEmpty()) {
            env.put("MEDIWOX_AUTH_CORS_ALLOWED_ORIGINS", settings.corsOrigins());
        }
        if (resources.searchUri() != null) {
            env.put("MEDIWOX_FULL_TEXT_BACKEND", "opensearch");
            env.put("MEDIWOX_FULL_TEXT_OPENSEARCH_URIS", resources.searchUri());
            env.put("MEDIWOX_FULL_TEXT_OPENSEARCH_AWS_SIGNING_ENABLED", "true");
            env.put("MEDIWOX_FULL_TEXT_OPENSEARCH_AWS_REGION", resources.region());
            env.put("MEDIWOX_FULL_TEXT_OPENSEARCH_VERSION", FullText.VERSION);
        } else {
            // one task: its own Lucene index on the task's ephemeral storage, rebuilt by $reindex after a replacement
            env.put("MEDIWOX_FULL_TEXT_BACKEND", "lucene");
        }
        env.put("AWS_REGION", resources.region());
        // the notification outbox's gauges to CloudWatch (namespace Mediwox: the task role may put metrics there only),
        // which the backlog and dead-letter alarms read
        env.put("MEDIWOX_METRICS_CLOUDWATCH_ENABLED", "true");
        // the ALB sets X-Forwarded-For/-Proto: per-address rate limits and the sign-in lockout see clients
        env.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        env.put("JAVA_OPTS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
        return env;
    }

    /** What the environment names of the other constructs. {@code searchUri} is {@code null} without OpenSearch. */
    public record Resources(
            String jdbcUrl, String documentsBucket, String documentsKeyArn, String searchUri, String region) {}
}
