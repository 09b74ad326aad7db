package org.mediwox.deploy;

import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Map;
import org.mediwox.deploy.access.Keys;
import org.mediwox.deploy.access.TaskPolicy;
import org.mediwox.deploy.database.Database;
import org.mediwox.deploy.documents.Documents;
import org.mediwox.deploy.fulltext.FullText;
import org.mediwox.deploy.monitoring.Alarms;
import org.mediwox.deploy.monitoring.LogBucket;
import org.mediwox.deploy.nag.Waiver;
import org.mediwox.deploy.network.Network;
import org.mediwox.deploy.notifications.Notifications;
import org.mediwox.deploy.service.ServerEnvironment;
import org.mediwox.deploy.service.Service;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * Mediwox on AWS, one construct per concern; this class only wires them. The order matters in one place: the task
 * role is made before the OpenSearch domain (the domain names the role as its master user) and names the domain by
 * its fixed ARN, so that neither waits for the other.
 */
public final class MediwoxStack extends Stack {

    private final List<String> zones;

    public MediwoxStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        this.zones = settings.zones();
        // CDK's custom resources call the AWS SDK of their Lambda runtime instead of downloading one at deploy time
        getNode().setContext("@aws-cdk/customresources:installLatestAwsSdkDefault", false);
        Keys keys = new Keys(this, "Keys");
        Network network = new Network(this, "Network", settings, keys.logs());
        LogBucket logs = new LogBucket(this, "AccessLogs");
        Database database = new Database(this, "Database", settings, network, keys.database());
        Documents documents = new Documents(this, "Documents", settings, keys.documents(), logs.bucket());
        Notifications notifications = new Notifications(this, "Notifications", settings, keys.messaging());

        boolean search = settings.sharedFullText();
        TaskPolicy taskPolicy = new TaskPolicy(
                this,
                "TaskPolicy",
                new TaskPolicy.Grants(
                        documents.bucket().getBucketArn(),
                        Documents.PREFIX,
                        keys.documents().getKeyArn(),
                        notifications.identityArn(),
                        notifications.configurationSetArn(),
                        database.secret().getSecretArn(),
                        search ? FullText.domainArn(this) : null));
        Waiver.apply(
                taskPolicy,
                List.of(
                        "Resource::*",
                        RegexAppliesTo.builder()
                                .regex("/^Resource::<DocumentsBucket[A-Za-z0-9]+\\.Arn>\\/documents\\/\\*$/")
                                .build(),
                        RegexAppliesTo.builder()
                                .regex("/^Resource::arn:<AWS::Partition>:es:.*:domain\\/mediwox-search\\/\\*$/")
                                .build()),
                Waiver.TASK_ROLE_WILDCARDS);

        SecurityGroup tasks = SecurityGroup.Builder.create(this, "TaskSecurityGroup")
                .vpc(network.vpc())
                .description("Mediwox tasks: HTTPS out (VPC endpoints, allowlisted partners), PostgreSQL, OpenSearch")
                .allowAllOutbound(false)
                .build();
        tasks.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to AWS endpoints and allowlisted partners");
        database.allowFrom(tasks);

        FullText fullText = search
                ? new FullText(
                        this,
                        "FullText",
                        settings,
                        network,
                        keys.search(),
                        keys.logs(),
                        taskPolicy.role().getRoleArn(),
                        tasks)
                : null;

        Map<String, String> environment = ServerEnvironment.of(
                settings,
                new ServerEnvironment.Resources(
                        database.jdbcUrl(),
                        documents.bucket().getBucketName(),
                        keys.documents().getKeyArn(),
                        fullText == null ? null : fullText.uri(),
                        getRegion()));
        Service service = new Service(
                this,
                "Service",
                settings,
                network,
                taskPolicy.role(),
                tasks,
                database.secret(),
                environment,
                keys.logs(),
                logs.bucket());
        Alarms alarms = new Alarms(
                this,
                "Alarms",
                settings,
                service.loadBalancer(),
                service.targetGroup(),
                database.metrics(),
                keys.messaging());

        Waiver.applyToStack(this);

        CfnOutput.Builder.create(this, "LoadBalancerDns")
                .description("Point the domain's DNS (CNAME or alias) here")
                .value(service.loadBalancer().getLoadBalancerDnsName())
                .build();
        CfnOutput.Builder.create(this, "FhirBase").value(settings.fhirBase()).build();
        CfnOutput.Builder.create(this, "EmailEventsTopic")
                .description("SES bounces and complaints: subscribe the clinic's staff")
                .value(notifications.events().getTopicArn())
                .build();
        CfnOutput.Builder.create(this, "AlarmTopic")
                .value(alarms.topic().getTopicArn())
                .build();
    }

    /**
     * The zones chosen in the settings: without this, constructs that ask the stack for its zones make the CDK CLI
     * look them up in the account, and {@code cdk synth} would need AWS credentials.
     */
    @Override
    public List<String> getAvailabilityZones() {
        return zones;
    }
}
