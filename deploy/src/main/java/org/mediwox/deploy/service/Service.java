package org.mediwox.deploy.service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.nag.Waiver;
import org.mediwox.deploy.network.Network;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The server on ECS Fargate behind an Application Load Balancer.
 *
 * <p>Tasks: the image {@code docker/Dockerfile} builds, from ECR, in the private subnets without public addresses,
 * read-only root file system (the data directory and {@code /tmp} are task storage), at least two spread over the
 * zones, scaled on CPU and on requests per task, replaced when the readiness endpoint fails, rolled back when a
 * deployment does not become healthy.
 *
 * <p>Load balancer: HTTPS with the ACM certificate of the clinic's domain and TLS 1.2 or 1.3 only
 * ({@code ELBSecurityPolicy-TLS13-1-2-2021-06}), port 80 only redirects, invalid headers dropped, access logs to the
 * log bucket, WAF in front. Its target group checks {@code /actuator/health/readiness} and keeps a browser on one task
 * with a load-balancer cookie: the built-in sign-in pages hold their session in the task's memory (main README,
 * Scale-out).
 */
public final class Service extends Construct {

    /** The health check path: readiness, outside the FHIR API's admission limit, so it answers under load. */
    public static final String HEALTH_PATH = "/actuator/health/readiness";

    static final int CONTAINER_PORT = 8080;

    private final SecurityGroup tasks;
    private final FargateService service;
    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup;

    /**
     * @param environment the server's settings ({@link ServerEnvironment})
     * @param databaseSecret the database credentials, injected as {@code SPRING_DATASOURCE_USERNAME/PASSWORD}
     */
    public Service(
            Construct scope,
            String id,
            DeploySettings settings,
            Network network,
            IRole taskRole,
            SecurityGroup tasks,
            ISecret databaseSecret,
            Map<String, String> environment,
            IKey logKey,
            IBucket logBucket) {
        super(scope, id);
        this.tasks = tasks;
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(network.vpc())
                .containerInsightsV2(ContainerInsights.ENHANCED)
                .build();
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(settings.taskCpu())
                .memoryLimitMiB(settings.taskMemoryMiB())
                .taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .volumes(List.of(
                        Volume.builder().name("data").build(),
                        Volume.builder().name("tmp").build()))
                .build();
        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .encryptionKey(logKey)
                .retention(RetentionDays.ONE_YEAR)
                .build();
        ContainerDefinition server = task.addContainer(
                "server",
                ContainerDefinitionOptions.builder()
                        .image(ContainerImage.fromEcrRepository(
                                Repository.fromRepositoryName(this, "Repository", settings.imageRepository()),
                                settings.imageTag()))
                        .environment(environment)
                        .secrets(new TreeMap<>(Map.of(
                                "SPRING_DATASOURCE_USERNAME", Secret.fromSecretsManager(databaseSecret, "username"),
                                "SPRING_DATASOURCE_PASSWORD", Secret.fromSecretsManager(databaseSecret, "password"))))
                        .portMappings(List.of(PortMapping.builder()
                                .containerPort(CONTAINER_PORT)
                                .build()))
                        .readonlyRootFilesystem(true)
                        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logGroup)
                                .streamPrefix("server")
                                .build()))
                        .build());
        server.addMountPoints(
                MountPoint.builder()
                        .sourceVolume("data")
                        .containerPath("/var/lib/mediwox")
                        .readOnly(false)
                        .build(),
                MountPoint.builder()
                        .sourceVolume("tmp")
                        .containerPath("/tmp")
                        .readOnly(false)
                        .build());
        this.service = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(settings.taskCount())
                .assignPublicIp(false)
                .vpcSubnets(Network.serviceSubnets())
                .securityGroups(List.of(tasks))
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(
                        DeploymentCircuitBreaker.builder().rollback(true).build())
                // a first start on an empty database runs HAPI's schema migration (minutes)
                .healthCheckGracePeriod(Duration.minutes(5))
                .build();

        SecurityGroup albGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(network.vpc())
                .description("Mediwox load balancer: HTTPS (and HTTP, which only redirects) from anywhere")
                .allowAllOutbound(false)
                .build();
        albGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from clients");
        albGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP, redirected to HTTPS");
        this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(network.vpc())
                .internetFacing(true)
                .securityGroup(albGroup)
                .dropInvalidHeaderFields(true)
                .deletionProtection(true)
                .build();
        loadBalancer.logAccessLogs(logBucket, "load-balancer");
        Waiver.apply(albGroup, Waiver.ALB_OPEN_TO_INTERNET);

        Certificate certificate = Certificate.Builder.create(this, "Certificate")
                .domainName(settings.domainName())
                .validation(CertificateValidation.fromDns())
                .build();
        ApplicationListener https = loadBalancer.addListener(
                "Https",
                BaseApplicationListenerProps.builder()
                        .protocol(ApplicationProtocol.HTTPS)
                        .port(443)
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate)))
                        .open(false)
                        .build());
        Waiver.apply(loadBalancer.addRedirect(), Waiver.REDIRECT_LISTENER);
        this.targetGroup = https.addTargets(
                "Tasks",
                AddApplicationTargetsProps.builder()
                        .protocol(ApplicationProtocol.HTTP)
                        .port(CONTAINER_PORT)
                        .targets(List.of(service))
                        .healthCheck(HealthCheck.builder()
                                .path(HEALTH_PATH)
                                .healthyHttpCodes("200")
                                .interval(Duration.seconds(10))
                                .healthyThresholdCount(2)
                                .unhealthyThresholdCount(3)
                                .build())
                        .stickinessCookieDuration(Duration.hours(1))
                        .deregistrationDelay(Duration.seconds(30))
                        .build());
        new RestartAfterRotation(this, "RestartAfterRotation", service, databaseSecret, logKey);
        new WebFirewall(this, "Firewall", loadBalancer.getLoadBalancerArn(), settings.wafRequestsPer5Minutes(), logKey);

        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(settings.taskCount())
                .maxCapacity(settings.maxTaskCount())
                .build());
        scaling.scaleOnCpuUtilization(
                "Cpu",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(60)
                        .scaleOutCooldown(Duration.minutes(2))
                        .scaleInCooldown(Duration.minutes(10))
                        .build());
        scaling.scaleOnRequestCount(
                "Requests",
                RequestCountScalingProps.builder()
                        .requestsPerTarget(3000)
                        .targetGroup(targetGroup)
                        .scaleOutCooldown(Duration.minutes(2))
                        .scaleInCooldown(Duration.minutes(10))
                        .build());
        Waiver.apply(task, Waiver.ECS_ENVIRONMENT);
        Waiver.apply(task, List.of("Resource::*"), Waiver.CUSTOM_RESOURCE_WILDCARD);
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ApplicationTargetGroup targetGroup() {
        return targetGroup;
    }

    public FargateService service() {
        return service;
    }

    public SecurityGroup tasks() {
        return tasks;
    }
}
