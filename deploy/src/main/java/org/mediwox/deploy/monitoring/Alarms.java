package org.mediwox.deploy.monitoring;

import java.util.List;
import java.util.Map;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.access.TaskPolicy;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What pages the clinic's on-call, through an encrypted SNS topic: 5xx rate and p95 latency at the load balancer,
 * unhealthy tasks, database CPU, connections and free storage, and the notification outbox — a message owed and not
 * sent for over ten minutes, and dead letters — from the gauges the server publishes to CloudWatch
 * ({@code OutboxGauges} of the notification module, sent by the server's CloudWatch registry every minute).
 */
public final class Alarms extends Construct {

    /**
     * The server's gauges as the CloudWatch registry names them (the meter name and {@code .value}; no dimensions, so
     * every task reports into the same metric, and each reports the same values: they are counted in the database).
     */
    static final String BACKLOG_OLDEST_METRIC = "mediwox.notifications.backlog.oldest.value";

    static final String DEAD_METRIC = "mediwox.notifications.dead.value";

    /** How late the oldest message owed may be, in seconds: reminders are planned hours ahead, so ten minutes is a stall. */
    static final int BACKLOG_OLDEST_SECONDS = 600;

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
        MetricOptions oneMinuteMaximum = MetricOptions.builder()
                .statistic("Maximum")
                .period(Duration.minutes(1))
                .build();
        alarm(
                "NotificationsBacklog",
                "A notification owed (pending or being sent) has waited over ten minutes past its due time: the"
                        + " dispatcher is stalled or SES/SNS keep failing; list with $notifications?status=pending",
                serverMetric(BACKLOG_OLDEST_METRIC, oneMinuteMaximum),
                BACKLOG_OLDEST_SECONDS);
        alarm(
                "NotificationsDead",
                "Notifications are dead-lettered (out of retries or refused by SES/SNS) and wait for an operator: list"
                        + " with $notifications?status=dead, replay with $notification-replay",
                serverMetric(DEAD_METRIC, oneMinuteMaximum),
                0);
    }

    private static IMetric serverMetric(String name, MetricOptions options) {
        return Metric.Builder.create()
                .namespace(TaskPolicy.METRICS_NAMESPACE)
                .metricName(name)
                .statistic(options.getStatistic())
                .period(options.getPeriod())
                .build();
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
