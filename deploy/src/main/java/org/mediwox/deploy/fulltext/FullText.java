package org.mediwox.deploy.fulltext;

import java.util.List;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.nag.Waiver;
import org.mediwox.deploy.network.Network;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.opensearchservice.AdvancedSecurityOptions;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.LoggingOptions;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.constructs.Construct;

/**
 * The shared full-text index for several tasks ({@code MEDIWOX_FULL_TEXT_BACKEND=opensearch}): an Amazon OpenSearch
 * Service domain in the isolated subnets, two data nodes in two zones, encrypted at rest with the search key and
 * between nodes, HTTPS with TLS 1.2 only, fine-grained access control with the task role as its only (master) user:
 * the server signs its requests with SigV4 under that role, so there is no password to keep.
 */
public final class FullText extends Construct {

    /** Fixed, so that the task role can name the domain's ARN without a dependency cycle (the domain names the role). */
    public static final String DOMAIN_NAME = "mediwox-search";

    /** The OpenSearch version the server's Hibernate Search dialect is set for ({@code ..._OPENSEARCH_VERSION}). */
    public static final String VERSION = "2.19";

    private final Domain domain;

    public FullText(
            Construct scope,
            String id,
            DeploySettings settings,
            Network network,
            IKey key,
            IKey logKey,
            String taskRoleArn,
            IConnectable tasks) {
        super(scope, id);
        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(network.vpc())
                .description("Mediwox OpenSearch: HTTPS from the tasks only")
                .allowAllOutbound(false)
                .build();
        securityGroup.getConnections().allowFrom(tasks, Port.tcp(443), "Mediwox tasks to OpenSearch");
        this.domain = Domain.Builder.create(this, "Domain")
                .domainName(DOMAIN_NAME)
                .version(EngineVersion.openSearch(VERSION))
                .vpc(network.vpc())
                .vpcSubnets(List.of(Network.dataSubnets()))
                .securityGroups(List.of(securityGroup))
                .zoneAwareness(ZoneAwarenessConfig.builder()
                        .enabled(true)
                        .availabilityZoneCount(2)
                        .build())
                .capacity(CapacityConfig.builder()
                        .dataNodes(2)
                        .dataNodeInstanceType(settings.searchInstanceType())
                        .multiAzWithStandbyEnabled(false)
                        .build())
                .ebs(EbsOptions.builder()
                        .volumeSize(50)
                        .volumeType(EbsDeviceVolumeType.GP3)
                        .build())
                .encryptionAtRest(EncryptionAtRestOptions.builder()
                        .enabled(true)
                        .kmsKey(key)
                        .build())
                .nodeToNodeEncryption(true)
                .enforceHttps(true)
                .tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2)
                .fineGrainedAccessControl(AdvancedSecurityOptions.builder()
                        .masterUserArn(taskRoleArn)
                        .build())
                .accessPolicies(List.of(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .principals(List.of(new ArnPrincipal(taskRoleArn)))
                        .actions(List.of(
                                "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"))
                        .resources(List.of(domainArn(this) + "/*"))
                        .build()))
                .logging(LoggingOptions.builder()
                        .appLogEnabled(true)
                        .appLogGroup(logGroup("AppLogs", logKey))
                        .slowSearchLogEnabled(true)
                        .slowSearchLogGroup(logGroup("SlowSearchLogs", logKey))
                        .slowIndexLogEnabled(true)
                        .slowIndexLogGroup(logGroup("SlowIndexLogs", logKey))
                        .build())
                .enableAutoSoftwareUpdate(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Waiver.apply(this, Waiver.SEARCH_DEDICATED_MASTERS, Waiver.SEARCH_ZONE_AWARE_MASTERS);
        // CDK's deployment-time call that lets OpenSearch write into the log groups
        Waiver.apply(this, List.of("Resource::*"), Waiver.CUSTOM_RESOURCE_WILDCARD);
    }

    private LogGroup logGroup(String id, IKey logKey) {
        return LogGroup.Builder.create(this, id)
                .encryptionKey(logKey)
                .retention(RetentionDays.ONE_YEAR)
                .build();
    }

    /** The domain's ARN from its fixed name. */
    public static String domainArn(Construct scope) {
        return Stack.of(scope)
                .formatArn(ArnComponents.builder()
                        .service("es")
                        .resource("domain")
                        .resourceName(DOMAIN_NAME)
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build());
    }

    /** {@code https://<endpoint>} for {@code MEDIWOX_FULL_TEXT_OPENSEARCH_URIS}. */
    public String uri() {
        return "https://" + domain.getDomainEndpoint();
    }

    public Domain domain() {
        return domain;
    }
}
