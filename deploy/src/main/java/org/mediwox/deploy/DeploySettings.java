package org.mediwox.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a clinic chooses for its deployment, given as CDK context ({@code npx cdk deploy -c domainName=… -c …}).
 *
 * <p>Context rather than CloudFormation parameters: several choices change which resources exist (Aurora or RDS,
 * OpenSearch only for several tasks, object lock or a lifecycle rule), and CloudFormation parameters are only known
 * at deploy time, after the template is written. Every value is checked here, once, so a typo stops the synthesis
 * with a message instead of a failed deployment an hour later.
 *
 * @param domainName the public host of the FHIR server (ACM certificate, {@code MEDIWOX_FHIR_SERVER_ADDRESS})
 * @param emailDomain the SES domain identity the e-mails are sent from
 * @param sender the From address ({@code MEDIWOX_NOTIFICATION_SENDER}), in {@link #emailDomain}
 * @param clinicPhone the clinic's phone number put into every message ({@code MEDIWOX_NOTIFICATION_CLINIC_PHONE})
 * @param timeZone the clinic's zone ({@code MEDIWOX_NOTIFICATION_TIME_ZONE})
 * @param authIssuer an external OAuth2 issuer, or empty for the built-in authorization server
 * @param corsOrigins browser origins allowed to call the API, or empty for none
 * @param imageRepository the ECR repository the image built from {@code docker/Dockerfile} was pushed to
 * @param imageTag the image's tag (no default: "latest" would make deployments unrepeatable)
 * @param zones the availability zones (2 or 3)
 * @param aurora Aurora PostgreSQL instead of RDS for PostgreSQL
 * @param databaseInstanceType e.g. {@code m7g.large}
 * @param databaseStorageGiB allocated storage of RDS for PostgreSQL (Aurora grows by itself)
 * @param backupRetentionDays automated backups, and so the point-in-time recovery window (1–35)
 * @param taskCount tasks running normally (OpenSearch is created when more than one)
 * @param maxTaskCount the most tasks auto scaling may start
 * @param taskCpu Fargate CPU units of a task
 * @param taskMemoryMiB Fargate memory of a task
 * @param objectLockDays 0: documents keep non-current versions {@link #noncurrentVersionDays} days (lifecycle rule);
 *     more: S3 Object Lock in governance mode keeps every version that many days
 * @param noncurrentVersionDays how long a replaced or deleted document's old version is kept (lifecycle mode)
 * @param smsSenderId SNS default sender id ({@code MEDIWOX_NOTIFICATION_SMS_SENDER_ID})
 * @param smsMonthlySpendLimitUsd SNS SMS spend limit per month, in US dollars
 * @param wafRequestsPer5Minutes requests one client address may make in 5 minutes before WAF blocks it
 * @param searchInstanceType OpenSearch data node type, e.g. {@code r7g.large.search}
 * @param egressAllowedDomains the domains tasks may resolve outside AWS (rest-hook subscribers, the payer's CDS
 *     service, an external issuer's keys); everything else is blocked by the DNS firewall
 * @param alarmEmail where alarms are e-mailed, or empty for none (subscribe later to the alarm topic)
 */
public record DeploySettings(
        String domainName,
        String emailDomain,
        String sender,
        String clinicPhone,
        String timeZone,
        String authIssuer,
        String corsOrigins,
        String imageRepository,
        String imageTag,
        List<String> zones,
        boolean aurora,
        String databaseInstanceType,
        int databaseStorageGiB,
        int backupRetentionDays,
        int taskCount,
        int maxTaskCount,
        int taskCpu,
        int taskMemoryMiB,
        int objectLockDays,
        int noncurrentVersionDays,
        String smsSenderId,
        int smsMonthlySpendLimitUsd,
        int wafRequestsPer5Minutes,
        String searchInstanceType,
        List<String> egressAllowedDomains,
        String alarmEmail) {

    /** The context keys that have no default. */
    static final List<String> REQUIRED = List.of("domainName", "clinicPhone", "imageTag");

    public DeploySettings {
        check(zones.size() == 2 || zones.size() == 3, "zones: 2 or 3 availability zones, got " + zones);
        check(taskCount >= 1 && maxTaskCount >= taskCount, "taskCount >= 1 and maxTaskCount >= taskCount");
        check(backupRetentionDays >= 1 && backupRetentionDays <= 35, "backupRetentionDays: 1 to 35");
        check(clinicPhone.matches("\\+[1-9][0-9]{6,14}"), "clinicPhone: E.164, e.g. +34910000000");
        check(!domainName.isBlank() && !domainName.contains("/"), "domainName: a host name, e.g. fhir.clinic.example");
        check(objectLockDays >= 0 && noncurrentVersionDays >= 1, "objectLockDays >= 0, noncurrentVersionDays >= 1");
        zones = List.copyOf(zones);
        egressAllowedDomains = List.copyOf(egressAllowedDomains);
    }

    /** Whether several tasks share the full-text index, so that it must live in OpenSearch. */
    public boolean sharedFullText() {
        return taskCount > 1 || maxTaskCount > 1;
    }

    /** The public FHIR base URL. */
    public String fhirBase() {
        return "https://" + domainName + "/fhir";
    }

    /**
     * Reads the settings from CDK context values (all strings on the command line).
     *
     * @param context the value of a context key, or {@code null}
     * @param region the stack's region (the default zones are its {@code a} and {@code b})
     */
    public static DeploySettings from(Function<String, Object> context, String region) {
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            if (text(context, key, "").isBlank()) {
                missing.add(key);
            }
        }
        check(missing.isEmpty(), "missing context " + missing + ": give each with -c key=value (deploy/README.md)");
        String domain = text(context, "domainName", "");
        String emailDomain = text(context, "emailDomain", domain);
        int tasks = number(context, "taskCount", 2);
        boolean aurora = text(context, "databaseEngine", "postgres").equals("aurora-postgresql");
        return new DeploySettings(
                domain,
                emailDomain,
                text(context, "sender", "Mediwox <no-reply@" + emailDomain + ">"),
                text(context, "clinicPhone", ""),
                text(context, "timeZone", "UTC"),
                text(context, "authIssuer", ""),
                text(context, "corsOrigins", ""),
                text(context, "imageRepository", "mediwox"),
                text(context, "imageTag", ""),
                list(text(context, "zones", region + "a," + region + "b")),
                aurora,
                // Aurora PostgreSQL offers memory-optimized (r) classes, not m7g
                text(context, "databaseInstanceType", aurora ? "r7g.large" : "m7g.large"),
                number(context, "databaseStorageGiB", 100),
                number(context, "backupRetentionDays", 35),
                tasks,
                number(context, "maxTaskCount", Math.max(tasks, 6)),
                number(context, "taskCpu", 1024),
                number(context, "taskMemoryMiB", 2048),
                number(context, "objectLockDays", 0),
                number(context, "noncurrentVersionDays", 90),
                text(context, "smsSenderId", "Mediwox"),
                number(context, "smsMonthlySpendLimitUsd", 10),
                number(context, "wafRequestsPer5Minutes", 3000),
                text(context, "searchInstanceType", "r7g.large.search"),
                list(text(context, "egressAllowedDomains", "")),
                text(context, "alarmEmail", ""));
    }

    /** Example settings of a small clinic, for tests and the README's figures. */
    public static DeploySettings example(Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "domainName", "fhir.clinic.example",
                "clinicPhone", "+34910000000",
                "timeZone", "Europe/Madrid",
                "imageTag", "0.1.0",
                "emailDomain", "clinic.example",
                "egressAllowedDomains", "ehr.partner.example,cds.payer.example",
                "alarmEmail", "ops@clinic.example"));
        values.putAll(overrides);
        return from(values::get, "eu-west-1");
    }

    private static String text(Function<String, Object> context, String key, String fallback) {
        Object value = context.apply(key);
        return value == null ? fallback : value.toString().trim();
    }

    private static int number(Function<String, Object> context, String key, int fallback) {
        String value = text(context, key, "");
        try {
            return value.isEmpty() ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": a whole number, got '" + value + "'", e);
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
