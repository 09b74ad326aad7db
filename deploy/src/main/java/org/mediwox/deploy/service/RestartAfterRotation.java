package org.mediwox.deploy.service;

import java.util.List;
import java.util.Map;
import org.mediwox.deploy.nag.Waiver;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Replaces the tasks after each rotation of the database password: ECS hands the secret to a task when it starts, so
 * a running task keeps the old password, and once its pool renews its connections (HikariCP: every 30 minutes) it can
 * no longer open any. Secrets Manager's {@code RotationSucceeded} event (delivered through CloudTrail) starts a
 * one-step state machine that calls ECS {@code UpdateService} with {@code forceNewDeployment}: a rolling replacement,
 * new tasks first, no Lambda function and no code of ours. Its role may update that one service only.
 */
final class RestartAfterRotation extends Construct {

    RestartAfterRotation(Construct scope, String id, FargateService service, ISecret secret, IKey logKey) {
        super(scope, id);
        CallAwsService update = CallAwsService.Builder.create(this, "ForceNewDeployment")
                .service("ecs")
                .action("updateService")
                .parameters(Map.of(
                        "Cluster", service.getCluster().getClusterArn(),
                        "Service", service.getServiceArn(),
                        "ForceNewDeployment", true))
                .iamResources(List.of(service.getServiceArn()))
                .iamAction("ecs:UpdateService")
                .build();
        StateMachine machine = StateMachine.Builder.create(this, "StateMachine")
                .definitionBody(DefinitionBody.fromChainable(update))
                .timeout(Duration.minutes(5))
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(LogGroup.Builder.create(this, "Logs")
                                .encryptionKey(logKey)
                                .retention(RetentionDays.ONE_YEAR)
                                .build())
                        .level(LogLevel.ALL)
                        .includeExecutionData(false)
                        .build())
                .build();
        Waiver.apply(machine, List.of("Resource::*"), Waiver.STATE_MACHINE_DELIVERY);
        Rule.Builder.create(this, "OnRotation")
                .description("Database password rotated: replace the Mediwox tasks so they read the new one")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.secretsmanager"))
                        .detailType(List.of("AWS Service Event via CloudTrail"))
                        .detail(Map.of(
                                "eventName", List.of("RotationSucceeded"),
                                "additionalEventData", Map.of("SecretId", List.of(secret.getSecretArn()))))
                        .build())
                .targets(List.of(new SfnStateMachine(machine)))
                .build();
    }
}
