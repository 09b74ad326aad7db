package org.mediwox.deploy.access;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The task role: what a running Mediwox server may do in AWS, and nothing else. Each statement below is one line of
 * deploy/README.md's table, and {@code TaskRoleTest} pins them, so widening one is a visible, reviewed change.
 *
 * <ul>
 *   <li>documents: {@code s3:GetObject/PutObject/DeleteObject} on {@code <bucket>/documents/*}, {@code s3:ListBucket}
 *       on the bucket for keys under {@code documents/} only (the orphan sweep lists them);
 *   <li>{@code kms:Encrypt/Decrypt/GenerateDataKey} on the documents key (SSE-KMS writes and reads);
 *   <li>{@code ses:SendEmail} from the clinic's identity through its configuration set;
 *   <li>{@code sns:Publish} for SMS: AWS names no resource for a message to a phone number, so the Allow needs
 *       {@code "*"} — the one wildcard resource — and a Deny on every topic ARN keeps it to SMS;
 *   <li>{@code secretsmanager:GetSecretValue} on the database secret only, as the issue asks: inert today (ECS injects
 *       the secret at start with the execution role, and reading it here would also need {@code kms:Decrypt} on the
 *       database key), kept for a server that re-reads rotated credentials itself;
 *   <li>{@code cloudwatch:PutMetricData} for the server's metrics (the notification outbox's gauges): CloudWatch
 *       authorizes it only on {@code "*"} (metrics have no ARN), so — the second wildcard resource — it is held to the
 *       {@value #METRICS_NAMESPACE} namespace by the condition key {@code cloudwatch:namespace};
 *   <li>OpenSearch HTTP ({@code es:ESHttp*} methods, named one by one) on its domain, when there is one.
 * </ul>
 */
public final class TaskPolicy extends Construct {

    /** The wildcard exception: SMS publishing has no resource-level permission (AWS's service authorization table). */
    static final String SMS_HAS_NO_RESOURCE = "*";

    /**
     * The second one: {@code cloudwatch:PutMetricData} has no resource-level permission either (a metric has no ARN);
     * the condition key {@code cloudwatch:namespace} is what narrows it, to the server's namespace.
     */
    static final String METRICS_HAVE_NO_RESOURCE = "*";

    /** The one CloudWatch namespace the server may put metrics in (its {@code management.cloudwatch.*} default). */
    public static final String METRICS_NAMESPACE = "Mediwox";

    private final Role role;

    /**
     * @param grants the ARNs the statements name
     */
    public TaskPolicy(Construct scope, String id, Grants grants) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String anyTopic = "arn:" + stack.getPartition() + ":sns:*:*:*";
        List<PolicyStatement> statements = new java.util.ArrayList<>(List.of(
                allow(
                        "DocumentObjects",
                        List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of(grants.documentsBucketArn() + "/" + grants.documentsPrefix() + "*")),
                PolicyStatement.Builder.create()
                        .sid("DocumentListing")
                        .effect(Effect.ALLOW)
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(grants.documentsBucketArn()))
                        .conditions(Map.of(
                                "StringLike",
                                Map.of("s3:prefix", List.of(grants.documentsPrefix(), grants.documentsPrefix() + "*"))))
                        .build(),
                allow(
                        "DocumentsKey",
                        List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"),
                        List.of(grants.documentsKeyArn())),
                allow(
                        "Email",
                        List.of("ses:SendEmail"),
                        List.of(grants.emailIdentityArn(), grants.configurationSetArn())),
                allow("Sms", List.of("sns:Publish"), List.of(SMS_HAS_NO_RESOURCE)),
                PolicyStatement.Builder.create()
                        .sid("SmsOnlyNoTopics")
                        .effect(Effect.DENY)
                        .actions(List.of("sns:Publish"))
                        .resources(List.of(anyTopic))
                        .build(),
                allow("DatabaseSecret", List.of("secretsmanager:GetSecretValue"), List.of(grants.databaseSecretArn())),
                PolicyStatement.Builder.create()
                        .sid("Metrics")
                        .effect(Effect.ALLOW)
                        .actions(List.of("cloudwatch:PutMetricData"))
                        .resources(List.of(METRICS_HAVE_NO_RESOURCE))
                        .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", METRICS_NAMESPACE)))
                        .build()));
        if (grants.searchDomainArn() != null) {
            statements.add(allow(
                    "FullText",
                    List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"),
                    List.of(grants.searchDomainArn(), grants.searchDomainArn() + "/*")));
        }
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description(
                        "Mediwox server tasks: documents, e-mail, SMS, its secret, metrics, full text; nothing else")
                .inlinePolicies(Map.of(
                        "least-privilege",
                        PolicyDocument.Builder.create().statements(statements).build()))
                .build();
    }

    public Role role() {
        return role;
    }

    private static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources)
                .build();
    }

    /** The resources the task role may touch. {@code searchDomainArn} is {@code null} without OpenSearch. */
    public record Grants(
            String documentsBucketArn,
            String documentsPrefix,
            String documentsKeyArn,
            String emailIdentityArn,
            String configurationSetArn,
            String databaseSecretArn,
            String searchDomainArn) {}
}
