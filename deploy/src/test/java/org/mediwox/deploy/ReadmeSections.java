package org.mediwox.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mediwox.deploy.nag.Waiver;

/**
 * The parts of deploy/README.md that are written from the synthesized template and the code: the architecture
 * diagram and resource count, the task role's statements, the cdk-nag waivers. {@code ReadmeTest} checks that the
 * README holds exactly these texts (and rewrites them with {@code -Dmediwox.deploy.writeReadme=true}).
 */
final class ReadmeSections {

    /** A box of the diagram: the CloudFormation types it stands for. */
    private record Box(String id, String group, String label, List<String> types) {}

    private static final List<Box> BOXES = List.of(
            new Box(
                    "waf",
                    "",
                    "AWS WAF",
                    List.of("WAFv2::WebACL", "WAFv2::WebACLAssociation", "WAFv2::LoggingConfiguration")),
            new Box("acm", "", "ACM certificate", List.of("CertificateManager::Certificate")),
            new Box(
                    "alb",
                    "public",
                    "Application Load Balancer",
                    List.of(
                            "ElasticLoadBalancingV2::LoadBalancer",
                            "ElasticLoadBalancingV2::Listener",
                            "ElasticLoadBalancingV2::TargetGroup")),
            new Box("nat", "public", "NAT gateways", List.of("EC2::NatGateway", "EC2::EIP")),
            new Box(
                    "ecs",
                    "service",
                    "ECS Fargate service",
                    List.of(
                            "ECS::Cluster",
                            "ECS::Service",
                            "ECS::TaskDefinition",
                            "ApplicationAutoScaling::ScalableTarget",
                            "ApplicationAutoScaling::ScalingPolicy")),
            new Box("endpoints", "service", "VPC endpoints", List.of("EC2::VPCEndpoint")),
            new Box("rotation", "service", "secret rotation function", List.of("Serverless::Application")),
            new Box(
                    "rds",
                    "data",
                    "PostgreSQL",
                    List.of(
                            "RDS::DBInstance",
                            "RDS::DBCluster",
                            "RDS::DBParameterGroup",
                            "RDS::DBClusterParameterGroup",
                            "RDS::DBSubnetGroup")),
            new Box("search", "data", "OpenSearch", List.of("OpenSearchService::Domain")),
            new Box(
                    "dnsfw",
                    "vpc",
                    "DNS firewall",
                    List.of(
                            "Route53Resolver::FirewallDomainList",
                            "Route53Resolver::FirewallRuleGroup",
                            "Route53Resolver::FirewallRuleGroupAssociation")),
            new Box("s3", "", "S3 buckets", List.of("S3::Bucket", "S3::BucketPolicy")),
            new Box("kms", "", "KMS keys", List.of("KMS::Key")),
            new Box(
                    "secrets",
                    "",
                    "Secrets Manager",
                    List.of(
                            "SecretsManager::Secret",
                            "SecretsManager::SecretTargetAttachment",
                            "SecretsManager::RotationSchedule")),
            new Box(
                    "ses",
                    "",
                    "SES",
                    List.of("SES::EmailIdentity", "SES::ConfigurationSet", "SES::ConfigurationSetEventDestination")),
            new Box("sns", "", "SNS", List.of("SNS::Topic", "SNS::TopicPolicy", "SNS::Subscription")),
            new Box(
                    "cw",
                    "",
                    "CloudWatch",
                    List.of("Logs::LogGroup", "Logs::MetricFilter", "CloudWatch::Alarm", "EC2::FlowLog")),
            new Box("iam", "", "IAM roles", List.of("IAM::Role", "IAM::Policy")),
            new Box("restart", "", "restart after rotation", List.of("Events::Rule", "StepFunctions::StateMachine")),
            new Box(
                    "cdk",
                    "",
                    "CDK deployment-time functions",
                    List.of(
                            "Lambda::Function",
                            "Custom::AWS",
                            "Custom::LogRetention",
                            "Custom::CloudwatchLogResourcePolicy",
                            "Custom::OpenSearchAccessPolicy",
                            "Custom::VpcRestrictDefaultSG")));

    private static final List<String> EDGES = List.of(
            "internet((clients)) -- HTTPS --> waf",
            "waf --> alb",
            "acm -.- alb",
            "alb -- HTTP 8080 --> ecs",
            "ecs -- TLS 5432 --> rds",
            "ecs -- HTTPS, SigV4 --> search",
            "ecs --> endpoints",
            "endpoints --> s3",
            "endpoints --> ses",
            "endpoints --> sns",
            "endpoints --> secrets",
            "endpoints --> kms",
            "endpoints --> cw",
            "ecs -- allowlisted names --> nat",
            "nat --> partners((rest-hooks, CDS, issuer))",
            "dnsfw -.- nat",
            "rotation --> rds",
            "rotation --> secrets",
            "ses -- bounces, complaints --> sns",
            "cw -- alarms --> sns",
            "secrets -. RotationSucceeded .-> restart",
            "restart -- UpdateService --> ecs",
            "cdk -. SMS settings .-> sns");

    private ReadmeSections() {}

    /** Mermaid picture plus the count of every resource type in the template. */
    static String architecture(Synthesized s) {
        Map<String, Integer> counts = new TreeMap<>();
        s.resources()
                .values()
                .forEach(r -> counts.merge(((String) r.get("Type")).replaceFirst("^AWS::", ""), 1, Integer::sum));
        Map<String, List<Box>> groups = new LinkedHashMap<>();
        List<String> present = new ArrayList<>(List.of("internet", "partners"));
        for (Box box : BOXES) {
            if (box.types.stream().anyMatch(counts::containsKey)) {
                groups.computeIfAbsent(box.group, g -> new ArrayList<>()).add(box);
                present.add(box.id);
            }
        }
        StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
        groups.getOrDefault("", List.of()).forEach(box -> out.append("  ").append(node(box, counts)));
        out.append("  subgraph vpc [VPC]\n");
        groups.getOrDefault("vpc", List.of()).forEach(box -> out.append("    ").append(node(box, counts)));
        for (String group : List.of("public", "service", "data")) {
            out.append("    subgraph ")
                    .append(group)
                    .append(" [")
                    .append(
                            switch (group) {
                                case "public" -> "public subnets";
                                case "service" -> "private subnets, no public IPs";
                                default -> "isolated subnets";
                            })
                    .append("]\n");
            groups.getOrDefault(group, List.of())
                    .forEach(box -> out.append("      ").append(node(box, counts)));
            out.append("    end\n");
        }
        out.append("  end\n");
        for (String edge : EDGES) {
            String from = edge.substring(0, edge.indexOf(' ')).replaceAll("\\(.*", "");
            String to = edge.replaceFirst("^.*(-->|-\\.-|\\.->) ", "").replaceAll("\\(.*", "");
            if (present.contains(from) && present.contains(to)) {
                out.append("  ").append(edge).append('\n');
            }
        }
        out.append("```\n\n| resource type | count |\n|---|---|\n");
        counts.forEach((type, n) ->
                out.append("| `").append(type).append("` | ").append(n).append(" |\n"));
        out.append("| **all** | **").append(s.resources().size()).append("** |\n");
        return out.toString();
    }

    private static String node(Box box, Map<String, Integer> counts) {
        String detail = box.types.stream()
                .filter(counts::containsKey)
                .map(t -> t.substring(t.indexOf("::") + 2) + " ×" + counts.get(t))
                .collect(Collectors.joining(", "));
        return box.id + "[\"" + box.label + "<br/>" + detail + "\"]\n";
    }

    /** The task role's statements as a table: effect, actions, resources. */
    @SuppressWarnings("unchecked")
    static String taskRole(Synthesized s) {
        StringBuilder out = new StringBuilder("| statement | effect | actions | resources |\n|---|---|---|---|\n");
        for (Object o : TaskRoleTest.statements(s)) {
            Map<String, Object> statement = (Map<String, Object>) o;
            Object actions = statement.get("Action");
            List<Object> resources = statement.get("Resource") instanceof List<?> list
                    ? (List<Object>) list
                    : List.of(statement.get("Resource"));
            out.append("| ")
                    .append(statement.get("Sid"))
                    .append(" | ")
                    .append(statement.get("Effect"))
                    .append(" | ")
                    .append((actions instanceof List<?> list ? list : List.of(actions))
                            .stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(resources.stream().map(ReadmeSections::resource).collect(Collectors.joining(", ")))
                    .append(statement.containsKey("Condition") ? " when " + condition(statement.get("Condition")) : "")
                    .append(" |\n");
        }
        return out.toString();
    }

    /** A resource of a statement in words: intrinsic functions shown as the logical ids they name. */
    @SuppressWarnings("unchecked")
    private static String resource(Object value) {
        if (value instanceof String text) {
            return "`" + text + "`";
        }
        return "`" + flatten(value).replaceAll("[A-F0-9]{8}(?=[\\.>])", "") + "`";
    }

    @SuppressWarnings("unchecked")
    private static String flatten(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (map.containsKey("Ref")) {
            return "<" + map.get("Ref") + ">";
        }
        if (map.containsKey("Fn::GetAtt")) {
            List<Object> att = (List<Object>) map.get("Fn::GetAtt");
            return "<" + att.get(0) + "." + att.get(1) + ">";
        }
        List<Object> join = (List<Object>) map.get("Fn::Join");
        return ((List<Object>) join.get(1))
                .stream().map(ReadmeSections::flatten).collect(Collectors.joining());
    }

    @SuppressWarnings("unchecked")
    private static String condition(Object condition) {
        Map<String, Map<String, Object>> map = (Map<String, Map<String, Object>>) condition;
        return map.entrySet().stream()
                .flatMap(e -> e.getValue().entrySet().stream()
                        .map(c -> "`" + c.getKey() + "` " + e.getKey() + " `" + c.getValue() + "`"))
                .collect(Collectors.joining(" and "));
    }

    /** Every cdk-nag waiver: the rule and why. */
    static String waivers() {
        StringBuilder out = new StringBuilder("| rule | why it is accepted |\n|---|---|\n");
        for (Waiver waiver : Waiver.values()) {
            out.append("| `")
                    .append(waiver.rule())
                    .append("` | ")
                    .append(waiver.reason())
                    .append(" |\n");
        }
        return out.toString();
    }
}
