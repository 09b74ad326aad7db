package org.mediwox.deploy.nag;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Every cdk-nag finding this stack accepts, with the reason, in one place: deploy/README.md lists the same rows (a
 * test compares them), so a reviewer reads each exception once and nobody adds one silently.
 */
public enum Waiver {
    ALB_OPEN_TO_INTERNET(
            "AwsSolutions-EC23",
            "The load balancer is the clinic's public HTTPS endpoint for EHRs, insurers and patients' browsers: it"
                    + " must accept 0.0.0.0/0 on 443 (and 80, which only redirects to 443). WAF filters in front."),
    DEFAULT_DATABASE_PORT(
            "AwsSolutions-RDS11",
            "PostgreSQL keeps its port 5432: only the tasks' and the rotation function's security groups reach"
                    + " it, in isolated subnets; another port would be obscurity, not control."),
    DATABASE_IAM_AUTH(
            "AwsSolutions-RDS6",
            "The server connects with a password from Secrets Manager, rotated every 30 days; IAM database"
                    + " authentication needs a token refresh in the JDBC pool that the server does not have."),
    CUSTOM_RESOURCE_MANAGED_POLICY(
            "AwsSolutions-IAM4",
            "CDK's deployment-time functions use AWSLambdaBasicExecutionRole (writing their own logs) and RDS"
                    + " enhanced monitoring uses AmazonRDSEnhancedMonitoringRole: AWS's policies for AWS's agents,"
                    + " not the application's role."),
    CUSTOM_RESOURCE_WILDCARD(
            "AwsSolutions-IAM5",
            "Actions AWS authorizes only on '*', in CDK's deployment-time roles: sns:SetSMSAttributes (account-wide"
                    + " SMS settings), logs:PutResourcePolicy (OpenSearch's log delivery), the log-retention"
                    + " function's logs calls, ecr:GetAuthorizationToken of the execution role, kms:Describe*/List*"
                    + " of CDK's custom-resource function."),
    HIPAA_CUSTOM_RESOURCE_FUNCTION(
            "HIPAA.Security-LambdaConcurrency",
            "Deployment-time custom-resource functions run once per deployment; reserved concurrency adds nothing."),
    HIPAA_CUSTOM_RESOURCE_DLQ(
            "HIPAA.Security-LambdaDLQ",
            "Custom-resource functions are invoked synchronously by CloudFormation, which reports a failure itself."),
    HIPAA_CUSTOM_RESOURCE_VPC(
            "HIPAA.Security-LambdaInsideVPC",
            "CDK's SMS-settings and log-policy functions call only AWS control-plane APIs at deployment time and"
                    + " touch no patient data; the rotation function, which reaches the database, runs in the VPC."),
    INLINE_POLICIES(
            "HIPAA.Security-IAMNoInlinePolicy",
            "CDK writes each role's grants as an inline policy of that role (the task role's least-privilege"
                    + " statements, the execution role's image pull and secret read, the flow-log role, CDK's"
                    + " deployment functions): created and deleted with the role, never shared, and the task role's"
                    + " statements are pinned by a test."),
    TASK_ROLE_WILDCARDS(
            "AwsSolutions-IAM5",
            "Task role: sns:Publish to a phone number has no resource ARN, so '*' with a Deny on every topic ARN;"
                    + " cloudwatch:PutMetricData is authorized only on '*', held to the namespace Mediwox by the"
                    + " condition cloudwatch:namespace;"
                    + " documents/* is every object under the server's prefix of its own bucket; domain/mediwox-search/*"
                    + " is every index path of its own OpenSearch domain."),
    STATE_MACHINE_DELIVERY(
            "AwsSolutions-IAM5",
            "The restart-after-rotation state machine's role: Step Functions' log delivery (logs:CreateLogDelivery"
                    + " and its siblings) and X-Ray (xray:PutTraceSegments and its siblings) are authorized only on"
                    + " '*'; its one real permission, ecs:UpdateService, names the service."),
    PUBLIC_SUBNET_ROUTE(
            "HIPAA.Security-VPCNoUnrestrictedRouteToIGW",
            "The public subnets hold only the internet-facing load balancer and the NAT gateways, which need a"
                    + " route to the internet gateway; tasks and data subnets have none."),
    DATABASE_BACKUP_PLAN(
            "HIPAA.Security-RDSInBackupPlan",
            "RDS automated backups with point-in-time recovery (35 days by default) and a final snapshot are on; an"
                    + " AWS Backup plan (longer or cross-region copies) is the clinic's retention decision."),
    REDIRECT_LISTENER(
            "HIPAA.Security-ELBv2ACMCertificateRequired",
            "The port 80 listener answers every request with a redirect to HTTPS and forwards nothing."),
    SEARCH_DEDICATED_MASTERS(
            "AwsSolutions-OS3",
            "Two data nodes in two zones is the smallest production-like domain; dedicated master nodes are"
                    + " advised from three data nodes on and add three instances."),
    SEARCH_ZONE_AWARE_MASTERS(
            "AwsSolutions-OS4", "No dedicated master nodes (see AwsSolutions-OS3), so none to spread over zones."),
    LOG_BUCKET_SSE_S3(
            "HIPAA.Security-S3DefaultEncryptionKMS",
            "Elastic Load Balancing and S3 server access logging deliver only to buckets encrypted with SSE-S3"
                    + " (AES-256): the log bucket is encrypted, but not with a KMS key."),
    BUCKET_NO_REPLICATION(
            "HIPAA.Security-S3BucketReplicationEnabled",
            "Cross-region replication is a disaster-recovery choice of the clinic (a second region, a second"
                    + " key): versioning and Object Lock or lifecycle protect the data in this region."),
    ECS_ENVIRONMENT(
            "AwsSolutions-ECS2",
            "The task's environment holds only settings that are not secrets (production mode, URLs, bucket and"
                    + " key ids); the database credentials come from Secrets Manager as ECS secrets.");

    private final String rule;
    private final String reason;

    Waiver(String rule, String reason) {
        this.rule = rule;
        this.reason = reason;
    }

    public String rule() {
        return rule;
    }

    public String reason() {
        return reason;
    }

    /** CDK's own singleton functions at the stack's top level (custom resources, log retention). */
    static final List<String> CDK_FUNCTION_IDS = List.of("AWS679f53fac002430cb0da5b7982bd2287", "LogRetention");

    /**
     * Accepts, for the whole stack, the findings about what CDK generates rather than what this code writes: the
     * inline policies CDK gives every role, and CDK's deployment-time functions.
     */
    public static void applyToStack(Stack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(suppression(INLINE_POLICIES)), true);
        for (IConstruct child : stack.getNode().getChildren()) {
            String id = child.getNode().getId();
            if (CDK_FUNCTION_IDS.stream().anyMatch(id::startsWith)) {
                apply(
                        child,
                        CUSTOM_RESOURCE_MANAGED_POLICY,
                        CUSTOM_RESOURCE_WILDCARD,
                        HIPAA_CUSTOM_RESOURCE_FUNCTION,
                        HIPAA_CUSTOM_RESOURCE_DLQ,
                        HIPAA_CUSTOM_RESOURCE_VPC);
            }
        }
    }

    private static NagPackSuppression suppression(Waiver waiver) {
        return NagPackSuppression.builder()
                .id(waiver.rule)
                .reason(waiver.reason)
                .build();
    }

    /** Accepts the findings on the construct and everything under it. */
    public static void apply(IConstruct scope, Waiver... waivers) {
        apply(scope, List.of(), waivers);
    }

    /** Accepts the findings on the construct, limited to the findings that name one of the given details. */
    public static void apply(IConstruct scope, List<?> appliesTo, Waiver... waivers) {
        NagSuppressions.addResourceSuppressions(
                scope,
                Arrays.stream(waivers)
                        .map(w -> NagPackSuppression.builder()
                                .id(w.rule)
                                .reason(w.reason)
                                .appliesTo(appliesTo.isEmpty() ? null : List.copyOf(appliesTo))
                                .build())
                        .toList(),
                true);
    }
}
