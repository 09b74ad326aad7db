package org.mediwox.deploy.monitoring;

import java.util.List;
import java.util.Map;
import org.mediwox.deploy.DeploySettings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What pages the clinic's on-call, through an encrypted SNS topic: 5xx rate and p95 latency at the load balancer,
 * unhealthy tasks, database CPU, connections and free storage, and notifications that went dead (the server logs
 * {@code Notification <id> dead-lettered …}; a metric filter counts those lines). The outbox backlog has no signal yet:
 * the server exposes no metric of it (deploy/README.md).
 */
public final class Alarms extends Construct {

    /** Namespace of the metrics this stack derives from the server's log. */
    public static final String NAMESPACE = "Mediwox";

    /** Connections one task's pool opens at most ({@code SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE}'s default). */
    static final int POOL_SIZE = 40;

    private final Topic topic;

    /**
     * @param database CPU, connections and free storage, in that order
     */
    public Alarms(
            Construct scope,
            String id,
            DeploySettings settings,
            ApplicationLoadBalancer loadBalancer,
            ApplicationTargetGroup targetGroup,
            List<IMetric> database,
            ILogGroup serverLog,
            IKey topicKey) {
        super(scope, id);
        this.topic = Topic.Builder.create(this, "Topic")
                .displayName("Mediwox alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        if (!settings.alarmEmail().isEmpty()) {
            topic.addSubscription(new EmailSubscription(settings.alarmEmail()));
        }
        MetricOptions fiveMinutes =
                MetricOptions.builder().period(Duration.minutes(5)).build();
        alarm(
                "ServerErrorRate",
                "More than 5 % of requests answered 5xx (by the tasks or the load balancer)",
                MathExpression.Builder.create()
                        .expression("100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / FILL(requests, 1)")
                        .usingMetrics(Map.of(
                                "target5xx",
                                loadBalancer.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, fiveMinutes),
                                "elb5xx",
                                loadBalancer.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, fiveMinutes),
                                "requests",
                                loadBalancer.getMetrics().requestCount(fiveMinutes)))
                        .period(Duration.minutes(5))
                        .label("5xx %")
                        .build(),
                5);
        alarm(
                "LatencyP95",
                "95th percentile of the tasks' response time above 2 s",
                loadBalancer
                        .getMetrics()
                        .targetResponseTime(MetricOptions.builder()
                                .statistic("p95")
                                .period(Duration.minutes(5))
                                .build()),
                2);
        alarm(
                "UnhealthyTasks",
                "A task fails its readiness check",
                targetGroup.getMetrics().unhealthyHostCount(fiveMinutes),
                0);
        alarm("DatabaseCpu", "Database CPU above 80 %", database.get(0), 80);
        alarm(
                "DatabaseConnections",
                "Database connections near what all tasks' pools together may open",
                database.get(1),
                (int) (settings.maxTaskCount() * POOL_SIZE * 0.9));
        Alarm.Builder.create(this, "DatabaseFreeStorage")
                .alarmDescription("Less than 10 GiB of database storage free")
                .metric(database.get(2))
                .threshold(10L * 1024 * 1024 * 1024)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.BREACHING)
                .build()
                .addAlarmAction(new SnsAction(topic));
        MetricFilter deadLetters = MetricFilter.Builder.create(this, "DeadLetterFilter")
                .logGroup(serverLog)
                .filterPattern(FilterPattern.literal("\"dead-lettered\""))
                .metricNamespace(NAMESPACE)
                .metricName("NotificationsDeadLettered")
                .metricValue("1")
                .defaultValue(0)
                .build();
        alarm(
                "NotificationsDeadLettered",
                "A notification went dead after its retries or was refused by SES/SNS: list with $notifications?status=dead",
                deadLetters.metric(MetricOptions.builder()
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build()),
                0);
    }

    private void alarm(String id, String description, IMetric metric, double threshold) {
        Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()
                .addAlarmAction(new SnsAction(topic));
    }

    public Topic topic() {
        return topic;
    }
}
