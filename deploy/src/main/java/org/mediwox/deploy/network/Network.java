package org.mediwox.deploy.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.nag.Waiver;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC: public subnets hold only the load balancer and the NAT gateways; tasks run in private subnets without
 * public addresses; the database and OpenSearch sit in isolated subnets with no route out at all.
 *
 * <p>AWS APIs the tasks call are reached through VPC endpoints, so patient data sent to S3, and messages to SES and
 * SNS, never cross the NAT: ECR (api and dkr) and S3 (a gateway endpoint: image layers live in S3) to pull the image,
 * CloudWatch Logs and metrics, Secrets Manager, KMS, SNS and the SES API ({@code email}). The NAT gateways carry only what must
 * leave AWS (rest-hook subscribers, a payer's CDS service, an external issuer's keys), and the DNS firewall of
 * {@link EgressAllowlist} decides which names those may be.
 */
public final class Network extends Construct {

    /** The endpoints for AWS APIs, each named for the template and the README. */
    static final Map<String, IInterfaceVpcEndpointService> INTERFACE_ENDPOINTS = new LinkedHashMap<>();

    static {
        INTERFACE_ENDPOINTS.put("EcrApi", InterfaceVpcEndpointAwsService.ECR);
        INTERFACE_ENDPOINTS.put("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER);
        INTERFACE_ENDPOINTS.put("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
        // CloudWatch metrics (monitoring.<region>.amazonaws.com): the server's PutMetricData of the outbox's gauges
        INTERFACE_ENDPOINTS.put("Monitoring", InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING);
        INTERFACE_ENDPOINTS.put("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
        INTERFACE_ENDPOINTS.put("Kms", InterfaceVpcEndpointAwsService.KMS);
        INTERFACE_ENDPOINTS.put("Sns", InterfaceVpcEndpointAwsService.SNS);
        // the SES API's endpoint (email.<region>.amazonaws.com, which SES v2 SendEmail uses), not email-smtp
        INTERFACE_ENDPOINTS.put("SesApi", InterfaceVpcEndpointAwsService.EMAIL);
    }

    private final Vpc vpc;

    public Network(Construct scope, String id, DeploySettings settings, IKey logKey) {
        super(scope, id);
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .encryptionKey(logKey)
                .retention(RetentionDays.ONE_YEAR)
                .build();
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
                .availabilityZones(settings.zones())
                // one NAT gateway per zone: a zone's outage does not cut the other zones' tasks off
                .natGateways(settings.zones().size())
                .restrictDefaultSecurityGroup(true)
                .subnetConfiguration(List.of(
                        subnet("public", SubnetType.PUBLIC, 24),
                        subnet("service", SubnetType.PRIVATE_WITH_EGRESS, 22),
                        subnet("data", SubnetType.PRIVATE_ISOLATED, 24)))
                .flowLogs(Map.of(
                        "All",
                        FlowLogOptions.builder()
                                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                                .trafficType(FlowLogTrafficType.ALL)
                                .build()))
                .build();
        vpc.addGatewayEndpoint(
                "S3",
                GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .subnets(List.of(serviceSubnets()))
                        .build());
        INTERFACE_ENDPOINTS.forEach((name, service) -> {
            vpc.addInterfaceEndpoint(
                    name,
                    InterfaceVpcEndpointOptions.builder()
                            .service(service)
                            .privateDnsEnabled(true)
                            .subnets(serviceSubnets())
                            .build());
        });
        Waiver.apply(vpc, Waiver.PUBLIC_SUBNET_ROUTE);
        new EgressAllowlist(this, "EgressAllowlist", vpc, settings.egressAllowedDomains());
    }

    public Vpc vpc() {
        return vpc;
    }

    /** The tasks' subnets: private, out through the NAT gateways. */
    public static SubnetSelection serviceSubnets() {
        return SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .build();
    }

    /** The database's and OpenSearch's subnets: no route out of the VPC. */
    public static SubnetSelection dataSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }

    private static SubnetConfiguration subnet(String name, SubnetType type, int mask) {
        return SubnetConfiguration.builder()
                .name(name)
                .subnetType(type)
                .cidrMask(mask)
                // nothing in the public subnets gets an address by default either: only the ALB and NAT live there
                .mapPublicIpOnLaunch(type == SubnetType.PUBLIC ? false : null)
                .build();
    }
}
