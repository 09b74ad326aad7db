package org.mediwox.deploy.access;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS keys, one per kind of data, so that a key policy or a grant for one (the task role may
 * use the documents key) opens nothing else: logs, database (storage, Performance Insights, its secret), documents,
 * full-text index, and the SNS topics (SES events, alarms). All rotate yearly and outlive the stack.
 */
public final class Keys extends Construct {

    private final Key logs;
    private final Key database;
    private final Key documents;
    private final Key search;
    private final Key messaging;

    public Keys(Construct scope, String id) {
        super(scope, id);
        this.logs = key("Logs", "Mediwox CloudWatch Logs (application, VPC flow, WAF)");
        this.database = key("Database", "Mediwox PostgreSQL storage, Performance Insights and credentials");
        this.documents = key("Documents", "Mediwox documents bucket (SSE-KMS)");
        this.search = key("Search", "Mediwox OpenSearch domain");
        this.messaging = key("Messaging", "Mediwox SNS topics (SES events, alarms)");
        Stack stack = Stack.of(this);
        // Key policies always name "*" as resource: the resource of a key policy is the key itself (AWS's rule).
        logs.addToResourcePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of(
                        "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "ArnLike",
                        Map.of(
                                "kms:EncryptionContext:aws:logs:arn",
                                "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                                        + ":*")))
                .build());
        messaging.addToResourcePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .principals(List.of(
                        new ServicePrincipal("ses.amazonaws.com"), new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                .build());
    }

    private Key key(String id, String description) {
        return Key.Builder.create(this, id)
                .description(description)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public Key logs() {
        return logs;
    }

    public Key database() {
        return database;
    }

    public Key documents() {
        return documents;
    }

    public Key search() {
        return search;
    }

    public Key messaging() {
        return messaging;
    }
}
