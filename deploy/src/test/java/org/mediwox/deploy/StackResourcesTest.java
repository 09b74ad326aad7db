package org.mediwox.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awscdk.assertions.Match.absent;
import static software.amazon.awscdk.assertions.Match.arrayWith;
import static software.amazon.awscdk.assertions.Match.objectLike;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Each resource the issue lists exists, with its encryption, TLS and network settings. */
class StackResourcesTest {

    private final Synthesized s = Synthesized.standard();
    private final Template template = s.template;

    private Map<String, Object> getAtt(String type, String hint, String attribute) {
        return Map.of("Fn::GetAtt", List.of(s.logicalId(type, hint), attribute));
    }

    // ---- network

    @Test
    void network_privateSubnetsGiveNoPublicAddress_andEachZoneHasItsNat() {
        s.ofType("AWS::EC2::Subnet")
                .values()
                .forEach(subnet -> assertThat(Synthesized.properties(subnet).get("MapPublicIpOnLaunch"))
                        .isNotEqualTo(true));
        template.resourceCountIs("AWS::EC2::Subnet", 6);
        template.resourceCountIs("AWS::EC2::NatGateway", 2);
        template.resourceCountIs("AWS::EC2::FlowLog", 1);
    }

    @Test
    void network_hasEndpointsForEveryAwsApiTheTasksCall() {
        Set<Object> services = new TreeSet<>();
        s.ofType("AWS::EC2::VPCEndpoint").values().forEach(endpoint -> {
            Map<String, Object> properties = Synthesized.properties(endpoint);
            services.add(String.valueOf(properties.get("ServiceName")) + " " + properties.get("VpcEndpointType"));
        });
        assertThat(services)
                .containsExactly(
                        "com.amazonaws.eu-west-1.ecr.api Interface",
                        "com.amazonaws.eu-west-1.ecr.dkr Interface",
                        "com.amazonaws.eu-west-1.email Interface",
                        "com.amazonaws.eu-west-1.kms Interface",
                        "com.amazonaws.eu-west-1.logs Interface",
                        "com.amazonaws.eu-west-1.monitoring Interface",
                        "com.amazonaws.eu-west-1.secretsmanager Interface",
                        "com.amazonaws.eu-west-1.sns Interface",
                        "{Fn::Join=[, [com.amazonaws., {Ref=AWS::Region}, .s3]]} Gateway");
        s.ofType("AWS::EC2::VPCEndpoint").values().stream()
                .map(Synthesized::properties)
                .filter(properties -> "Interface".equals(properties.get("VpcEndpointType")))
                .forEach(properties ->
                        assertThat(properties.get("PrivateDnsEnabled")).isEqualTo(true));
    }

    @Test
    void network_dnsFirewallAllowsAwsAndThePartners_thenBlocksEverythingElse() {
        template.hasResourceProperties(
                "AWS::Route53Resolver::FirewallDomainList",
                Map.of("Domains", arrayWith(List.of("*.amazonaws.com", "ehr.partner.example", "*.cds.payer.example"))));
        template.hasResourceProperties("AWS::Route53Resolver::FirewallDomainList", Map.of("Domains", List.of("*")));
        template.hasResourceProperties(
                "AWS::Route53Resolver::FirewallRuleGroup",
                Map.of(
                        "FirewallRules",
                        List.of(
                                objectLike(Map.of("Action", "ALLOW", "Priority", 100)),
                                objectLike(Map.of("Action", "BLOCK", "Priority", 200, "BlockResponse", "NODATA")))));
        template.hasResourceProperties(
                "AWS::Route53Resolver::FirewallRuleGroupAssociation",
                Map.of("VpcId", Map.of("Ref", s.logicalId("AWS::EC2::VPC", "Network"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void securityGroups_letOnlyTheLoadBalancerReachTheTasks_andOnlyTheTasksReachTheDataStores() {
        // every rule between two groups: source -> target, port
        Set<String> rules = new TreeSet<>();
        s.ofType("AWS::EC2::SecurityGroupIngress").values().forEach(rule -> {
            Map<String, Object> p = Synthesized.properties(rule);
            rules.add(group(p.get("SourceSecurityGroupId")) + " -> " + group(p.get("GroupId")) + " "
                    + (p.get("FromPort") instanceof Number port ? port : "db-port"));
        });
        assertThat(rules)
                .containsExactly(
                        "DatabaseInstanceRotationSingleUserSecurityGroup -> DatabaseSecurityGroup db-port",
                        "ServiceLoadBalancerSecurityGroup -> TaskSecurityGroup 8080",
                        "TaskSecurityGroup -> DatabaseSecurityGroup db-port",
                        "TaskSecurityGroup -> FullTextSecurityGroup 443");
        Map<String, Object> alb = Synthesized.properties(
                s.resources().get(s.logicalId("AWS::EC2::SecurityGroup", "LoadBalancerSecurityGroup")));
        assertThat((List<Map<String, Object>>) alb.get("SecurityGroupIngress"))
                .extracting(rule -> rule.get("CidrIp") + ":" + rule.get("FromPort"))
                .containsExactlyInAnyOrder("0.0.0.0/0:443", "0.0.0.0/0:80");
        Map<String, Object> tasks =
                Synthesized.properties(s.resources().get(s.logicalId("AWS::EC2::SecurityGroup", "TaskSecurityGroup")));
        assertThat((List<Map<String, Object>>) tasks.get("SecurityGroupEgress"))
                .extracting(rule -> rule.get("CidrIp") + ":" + rule.get("FromPort") + "-" + rule.get("ToPort"))
                .containsExactly("0.0.0.0/0:443-443");
        assertThat(tasks).doesNotContainKey("SecurityGroupIngress");
    }

    @SuppressWarnings("unchecked")
    private static String group(Object getAtt) {
        String id = (String) ((List<Object>) ((Map<String, Object>) getAtt).get("Fn::GetAtt")).get(0);
        return id.replaceAll("[A-F0-9]{8}$", "");
    }

    @Test
    void executionRole_pullsTheImage_writesItsLog_andReadsOnlyTheDatabaseSecret() {
        String role = s.logicalId("AWS::IAM::Role", "ExecutionRole");
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "Roles", List.of(Map.of("Ref", role)),
                        "PolicyDocument",
                                Map.of(
                                        "Statement",
                                        List.of(
                                                objectLike(Map.of(
                                                        "Action",
                                                        List.of(
                                                                "ecr:BatchCheckLayerAvailability",
                                                                "ecr:GetDownloadUrlForLayer",
                                                                "ecr:BatchGetImage"))),
                                                Map.of(
                                                        "Action", "ecr:GetAuthorizationToken",
                                                        "Effect", "Allow",
                                                        "Resource", "*"),
                                                Map.of(
                                                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                                        "Effect", "Allow",
                                                        "Resource",
                                                                getAtt("AWS::Logs::LogGroup", "ServiceLogs", "Arn")),
                                                Map.of(
                                                        "Action",
                                                                List.of(
                                                                        "secretsmanager:GetSecretValue",
                                                                        "secretsmanager:DescribeSecret"),
                                                        "Effect", "Allow",
                                                        "Resource",
                                                                Map.of(
                                                                        "Ref",
                                                                        s.logicalId(
                                                                                "AWS::SecretsManager::SecretTargetAttachment",
                                                                                "")))))));
    }

    // ---- database

    @Test
    void database_isMultiAzEncryptedWithItsKeyBackedUpAndProtected() {
        template.hasResource(
                "AWS::RDS::DBInstance",
                Map.of(
                        "DeletionPolicy",
                        "Snapshot",
                        "Properties",
                        objectLike(Map.of(
                                "MultiAZ", true,
                                "StorageEncrypted", true,
                                "KmsKeyId", getAtt("AWS::KMS::Key", "KeysDatabase", "Arn"),
                                "DeletionProtection", true,
                                "BackupRetentionPeriod", 35,
                                "PubliclyAccessible", false,
                                "Engine", "postgres"))));
        template.hasResourceProperties(
                "AWS::RDS::DBParameterGroup",
                Map.of("Parameters", Map.of("rds.force_ssl", "1", "rds.allowed_extensions", "btree_gist")));
    }

    @Test
    void database_credentialsAreInSecretsManager_encrypted_andRotatedEvery30Days() {
        template.hasResourceProperties(
                "AWS::SecretsManager::Secret", Map.of("KmsKeyId", getAtt("AWS::KMS::Key", "KeysDatabase", "Arn")));
        template.hasResourceProperties(
                "AWS::SecretsManager::RotationSchedule",
                Map.of("RotationRules", Map.of("ScheduleExpression", "rate(30 days)")));
    }

    @Test
    void aurora_clusterIsEncryptedProtectedAndForcesTls() {
        Template aurora = Synthesized.variant().template;
        aurora.hasResourceProperties(
                "AWS::RDS::DBCluster",
                Map.of("StorageEncrypted", true, "DeletionProtection", true, "BackupRetentionPeriod", 35));
        aurora.resourceCountIs("AWS::RDS::DBInstance", 2);
        aurora.hasResourceProperties(
                "AWS::RDS::DBClusterParameterGroup",
                Map.of("Parameters", Map.of("rds.force_ssl", "1", "rds.allowed_extensions", "btree_gist")));
    }

    // ---- service

    @Test
    void service_runsTwoTasksWithoutPublicAddresses_andScalesOnCpuAndRequests() {
        template.hasResourceProperties(
                "AWS::ECS::Service",
                Map.of(
                        "DesiredCount",
                        2,
                        "LaunchType",
                        "FARGATE",
                        "NetworkConfiguration",
                        Map.of("AwsvpcConfiguration", Map.of("AssignPublicIp", "DISABLED")),
                        "DeploymentConfiguration",
                        Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 2, "MaxCapacity", 6));
        for (String metric : List.of("ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget")) {
            template.hasResourceProperties(
                    "AWS::ApplicationAutoScaling::ScalingPolicy",
                    Map.of(
                            "TargetTrackingScalingPolicyConfiguration",
                            Map.of("PredefinedMetricSpecification", Map.of("PredefinedMetricType", metric))));
        }
    }

    @Test
    void loadBalancer_servesTls12OrLater_redirectsHttp_checksReadiness_andLogs() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Map.of(
                        "Protocol",
                        "HTTPS",
                        "Port",
                        443,
                        "SslPolicy",
                        "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        "Certificates",
                        List.of(Map.of(
                                "CertificateArn",
                                Map.of("Ref", s.logicalId("AWS::CertificateManager::Certificate", ""))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Map.of(
                        "Protocol",
                        "HTTP",
                        "Port",
                        80,
                        "DefaultActions",
                        List.of(objectLike(Map.of(
                                "Type",
                                "redirect",
                                "RedirectConfig",
                                Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301"))))));
        template.hasResourceProperties(
                "AWS::CertificateManager::Certificate",
                Map.of("DomainName", "fhir.clinic.example", "ValidationMethod", "DNS"));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Map.of(
                        "HealthCheckPath",
                        "/actuator/health/readiness",
                        "Port",
                        8080,
                        "TargetGroupAttributes",
                        arrayWith(List.of(
                                Map.of("Key", "stickiness.enabled", "Value", "true"),
                                Map.of("Key", "stickiness.type", "Value", "lb_cookie")))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of(
                        "Scheme",
                        "internet-facing",
                        "LoadBalancerAttributes",
                        arrayWith(List.of(
                                Map.of("Key", "deletion_protection.enabled", "Value", "true"),
                                Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"),
                                Map.of("Key", "access_logs.s3.enabled", "Value", "true")))));
    }

    @Test
    void waf_hasCommonAndKnownBadInputsRuleSets_andARateRule_onTheLoadBalancer() {
        template.hasResourceProperties(
                "AWS::WAFv2::WebACL",
                Map.of(
                        "Scope",
                        "REGIONAL",
                        "Rules",
                        List.of(
                                objectLike(Map.of("Name", "AWSManagedRulesCommonRuleSet")),
                                objectLike(Map.of("Name", "AWSManagedRulesKnownBadInputsRuleSet")),
                                objectLike(Map.of(
                                        "Name",
                                        "RatePerClientAddress",
                                        "Statement",
                                        Map.of(
                                                "RateBasedStatement",
                                                Map.of("Limit", 3000, "AggregateKeyType", "IP")))))));
        template.hasResourceProperties(
                "AWS::WAFv2::WebACLAssociation",
                Map.of("ResourceArn", Map.of("Ref", s.logicalId("AWS::ElasticLoadBalancingV2::LoadBalancer", ""))));
        template.resourceCountIs("AWS::WAFv2::LoggingConfiguration", 1);
    }

    @Test
    void container_hasReadOnlyRootAndGetsTheDatabaseCredentialsAsSecrets() {
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Map.of(
                        "RequiresCompatibilities", List.of("FARGATE"),
                        "NetworkMode", "awsvpc",
                        "TaskRoleArn", getAtt("AWS::IAM::Role", "TaskPolicyRole", "Arn"),
                        "ContainerDefinitions",
                                List.of(objectLike(Map.of(
                                        "ReadonlyRootFilesystem",
                                        true,
                                        "Secrets",
                                        List.of(
                                                objectLike(Map.of("Name", "SPRING_DATASOURCE_PASSWORD")),
                                                objectLike(Map.of("Name", "SPRING_DATASOURCE_USERNAME"))))))));
    }

    @Test
    void passwordRotation_replacesTheTasks_throughAStateMachineThatMayOnlyUpdateThatService() {
        String service = s.logicalId("AWS::ECS::Service", "");
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "EventPattern",
                        Map.of(
                                "source", List.of("aws.secretsmanager"),
                                "detail",
                                        Map.of(
                                                "eventName", List.of("RotationSucceeded"),
                                                "additionalEventData",
                                                        Map.of(
                                                                "SecretId",
                                                                List.of(Map.of(
                                                                        "Ref",
                                                                        s.logicalId(
                                                                                "AWS::SecretsManager::SecretTargetAttachment",
                                                                                "")))))),
                        "Targets",
                        List.of(objectLike(
                                Map.of("Arn", Map.of("Ref", s.logicalId("AWS::StepFunctions::StateMachine", "")))))));
        assertThat(String.valueOf(
                        Synthesized.properties(s.resources().get(s.logicalId("AWS::StepFunctions::StateMachine", "")))
                                .get("DefinitionString")))
                .contains("arn:", ":states:::aws-sdk:ecs:updateService", "\"ForceNewDeployment\":true");
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "Roles",
                                List.of(Map.of(
                                        "Ref", s.logicalId("AWS::IAM::Role", "RestartAfterRotationStateMachineRole"))),
                        "PolicyDocument",
                                Map.of(
                                        "Statement",
                                        arrayWith(List.of(Map.of(
                                                "Action", "ecs:UpdateService",
                                                "Effect", "Allow",
                                                "Resource", Map.of("Ref", service)))))));
    }

    // ---- documents

    @Test
    void documentsBucket_isKmsEncryptedWithItsOwnKey_privateTlsOnlyVersionedAndLogged() {
        String logBucket = s.logicalId("AWS::S3::Bucket", "AccessLogs");
        String documents = s.logicalId("AWS::S3::Bucket", "DocumentsBucket");
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketEncryption",
                                Map.of(
                                        "ServerSideEncryptionConfiguration",
                                        List.of(Map.of(
                                                "BucketKeyEnabled",
                                                true,
                                                "ServerSideEncryptionByDefault",
                                                Map.of(
                                                        "SSEAlgorithm",
                                                        "aws:kms",
                                                        "KMSMasterKeyID",
                                                        getAtt("AWS::KMS::Key", "KeysDocuments", "Arn"))))),
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls", true,
                                        "BlockPublicPolicy", true,
                                        "IgnorePublicAcls", true,
                                        "RestrictPublicBuckets", true),
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", logBucket)),
                        "ObjectLockEnabled", absent(),
                        "LifecycleConfiguration",
                                Map.of(
                                        "Rules",
                                        arrayWith(List.of(objectLike(Map.of(
                                                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 90))))))));
        template.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "Bucket", Map.of("Ref", documents),
                        "PolicyDocument",
                                Map.of(
                                        "Statement",
                                        arrayWith(List.of(objectLike(Map.of(
                                                "Effect",
                                                "Deny",
                                                "Condition",
                                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void documentsBucket_withObjectLockDays_keepsEveryVersionInGovernanceMode() {
        Synthesized.variant()
                .template
                .hasResourceProperties(
                        "AWS::S3::Bucket",
                        Map.of(
                                "ObjectLockEnabled",
                                true,
                                "ObjectLockConfiguration",
                                Map.of(
                                        "ObjectLockEnabled",
                                        "Enabled",
                                        "Rule",
                                        Map.of("DefaultRetention", Map.of("Mode", "GOVERNANCE", "Days", 2555)))));
    }

    @Test
    void accessLogBucket_isEncryptedWithSseS3_whichIsWhatLoadBalancerLogsAccept() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketEncryption",
                        Map.of(
                                "ServerSideEncryptionConfiguration",
                                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "LoggingConfiguration",
                        absent()));
    }

    // ---- notifications

    @Test
    void ses_identityUsesTheConfigurationSet_whichRequiresTls_andSendsBouncesAndComplaintsToAnEncryptedTopic() {
        String configurationSet = s.logicalId("AWS::SES::ConfigurationSet", "");
        String topic = s.logicalId("AWS::SNS::Topic", "EmailEvents");
        template.hasResourceProperties(
                "AWS::SES::EmailIdentity",
                Map.of(
                        "EmailIdentity",
                        "clinic.example",
                        "ConfigurationSetAttributes",
                        Map.of("ConfigurationSetName", Map.of("Ref", configurationSet))));
        template.hasResourceProperties(
                "AWS::SES::ConfigurationSet",
                Map.of("Name", "mediwox", "DeliveryOptions", Map.of("TlsPolicy", "REQUIRE")));
        template.hasResourceProperties(
                "AWS::SES::ConfigurationSetEventDestination",
                Map.of(
                        "EventDestination",
                        Map.of(
                                "MatchingEventTypes", List.of("bounce", "complaint"),
                                "SnsDestination", Map.of("TopicARN", Map.of("Ref", topic)))));
        template.hasResourceProperties(
                "AWS::SNS::Topic", Map.of("KmsMasterKeyId", getAtt("AWS::KMS::Key", "KeysMessaging", "Arn")));
    }

    @Test
    void sms_settingsSetTransactionalTypeSenderIdAndSpendLimit() {
        String create =
                String.valueOf(Synthesized.properties(s.resources().get(s.logicalId("Custom::AWS", "SmsSettings")))
                        .get("Create"));
        assertThat(create)
                .contains("setSMSAttributes", "\"MonthlySpendLimit\":\"10\"")
                .contains("\"DefaultSenderID\":\"Mediwox\"", "\"DefaultSMSType\":\"Transactional\"");
    }

    // ---- full text

    @Test
    void openSearch_isInTheVpc_encryptedAtRestAndInTransit_withTheTaskRoleAsOnlyUser() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "DomainName", "mediwox-search",
                        "EngineVersion", "OpenSearch_2.19",
                        "VPCOptions", objectLike(Map.of()),
                        "EncryptionAtRestOptions",
                                Map.of(
                                        "Enabled",
                                        true,
                                        "KmsKeyId",
                                        Map.of("Ref", s.logicalId("AWS::KMS::Key", "KeysSearch"))),
                        "NodeToNodeEncryptionOptions", Map.of("Enabled", true),
                        "DomainEndpointOptions",
                                Map.of("EnforceHTTPS", true, "TLSSecurityPolicy", "Policy-Min-TLS-1-2-2019-07"),
                        "AdvancedSecurityOptions",
                                Map.of(
                                        "Enabled", true,
                                        "InternalUserDatabaseEnabled", false,
                                        "MasterUserOptions",
                                                Map.of(
                                                        "MasterUserARN",
                                                        getAtt("AWS::IAM::Role", "TaskPolicyRole", "Arn")))));
        Synthesized.variant().template.resourceCountIs("AWS::OpenSearchService::Domain", 0);
    }

    // ---- logs and alarms

    @Test
    void everyLogGroup_isEncryptedAndKeptAYear() {
        assertThat(s.ofType("AWS::Logs::LogGroup")).isNotEmpty();
        template.allResourcesProperties(
                "AWS::Logs::LogGroup",
                Map.of("KmsKeyId", getAtt("AWS::KMS::Key", "KeysLogs", "Arn"), "RetentionInDays", 365));
    }

    @Test
    void alarms_coverErrorsLatencyDatabaseAndTheOutbox_andNotifyTheEncryptedTopic() {
        String topic = s.logicalId("AWS::SNS::Topic", "Alarms");
        template.resourceCountIs("AWS::CloudWatch::Alarm", 8);
        template.allResourcesProperties(
                "AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Map.of("Ref", topic))));
        template.resourceCountIs("AWS::Logs::MetricFilter", 0);
        // the outbox alarms read the server's gauges, in the namespace the task role may put metrics in
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "Mediwox",
                        "MetricName", "mediwox.notifications.backlog.oldest.value",
                        "Statistic", "Maximum",
                        "Period", 60,
                        "Threshold", 600,
                        "ComparisonOperator", "GreaterThanThreshold"));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "Mediwox",
                        "MetricName", "mediwox.notifications.dead.value",
                        "Statistic", "Maximum",
                        "Period", 60,
                        "Threshold", 0,
                        "ComparisonOperator", "GreaterThanThreshold"));
        assertThat(s.ofType("AWS::CloudWatch::Alarm").values().stream()
                        .map(Synthesized::properties)
                        .filter(alarm ->
                                String.valueOf(alarm.get("MetricName")).startsWith("mediwox.notifications.dead")))
                .as("exactly one dead-letter alarm")
                .hasSize(1);
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of("ExtendedStatistic", "p95", "MetricName", "TargetResponseTime", "Threshold", 2));
        template.hasResourceProperties(
                "AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@clinic.example"));
    }
}
