package org.mediwox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task role grants exactly the statements of deploy/README.md's table, on exactly those resources: any added
 * action, widened resource, dropped condition or extra attached policy fails here.
 */
class TaskRoleTest {

    static final List<String> ALLOWED_ACTIONS = List.of(
            "s3:GetObject",
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:ListBucket",
            "kms:Encrypt",
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "ses:SendEmail",
            "sns:Publish",
            "secretsmanager:GetSecretValue",
            "cloudwatch:PutMetricData",
            "es:ESHttpGet",
            "es:ESHttpHead",
            "es:ESHttpPost",
            "es:ESHttpPut",
            "es:ESHttpDelete");

    @Test
    void taskRole_grantsExactlyTheDocumentedStatements_onTheStacksOwnResources() {
        // given
        Synthesized s = Synthesized.standard();
        String bucket = s.logicalId("AWS::S3::Bucket", "DocumentsBucket");
        String key = s.logicalId("AWS::KMS::Key", "KeysDocuments");
        String secret = s.logicalId("AWS::SecretsManager::SecretTargetAttachment", "Database");
        String identity = s.logicalId("AWS::SES::EmailIdentity", "Notifications");
        String configurationSet = s.logicalId("AWS::SES::ConfigurationSet", "Notifications");

        // when
        List<Object> statements = statements(s);

        // then
        Object domain = join("arn:", ref("AWS::Partition"), ":es:eu-west-1:123456789012:domain/mediwox-search");
        assertThat(statements)
                .containsExactly(
                        allow(
                                "DocumentObjects",
                                List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                                join(getAtt(bucket, "Arn"), "/documents/*")),
                        withCondition(
                                allow("DocumentListing", "s3:ListBucket", getAtt(bucket, "Arn")),
                                Map.of("StringLike", Map.of("s3:prefix", List.of("documents/", "documents/*")))),
                        allow(
                                "DocumentsKey",
                                List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"),
                                getAtt(key, "Arn")),
                        allow(
                                "Email",
                                "ses:SendEmail",
                                List.of(
                                        join(
                                                "arn:",
                                                ref("AWS::Partition"),
                                                ":ses:eu-west-1:123456789012:identity/",
                                                ref(identity)),
                                        join(
                                                "arn:",
                                                ref("AWS::Partition"),
                                                ":ses:eu-west-1:123456789012:configuration-set/",
                                                ref(configurationSet)))),
                        allow("Sms", "sns:Publish", "*"),
                        statement(
                                "SmsOnlyNoTopics",
                                "Deny",
                                "sns:Publish",
                                join("arn:", ref("AWS::Partition"), ":sns:*:*:*")),
                        allow("DatabaseSecret", "secretsmanager:GetSecretValue", ref(secret)),
                        // '*' because CloudWatch authorizes PutMetricData on no resource; the namespace holds it
                        withCondition(
                                allow("Metrics", "cloudwatch:PutMetricData", "*"),
                                Map.of("StringEquals", Map.of("cloudwatch:namespace", "Mediwox"))),
                        allow(
                                "FullText",
                                List.of(
                                        "es:ESHttpGet",
                                        "es:ESHttpHead",
                                        "es:ESHttpPost",
                                        "es:ESHttpPut",
                                        "es:ESHttpDelete"),
                                List.of(
                                        domain,
                                        join(
                                                "arn:",
                                                ref("AWS::Partition"),
                                                ":es:eu-west-1:123456789012:domain/mediwox-search/*"))));
    }

    @Test
    void taskRole_hasNoOtherPolicy_andGrantsSixteenActionsWithoutWildcards() {
        // given
        Synthesized s = Synthesized.standard();
        String role = s.logicalId("AWS::IAM::Role", "TaskPolicyRole");

        // when
        Map<String, Object> properties = Synthesized.properties(s.resources().get(role));
        List<String> attached = new ArrayList<>();
        s.ofType("AWS::IAM::Policy").forEach((id, policy) -> {
            if (String.valueOf(Synthesized.properties(policy).get("Roles")).contains(role)) {
                attached.add(id);
            }
        });

        // then
        assertThat(attached)
                .as("policies attached to the task role besides its own")
                .isEmpty();
        assertThat(properties).doesNotContainKeys("ManagedPolicyArns", "PermissionsBoundary");
        assertThat(actions(statements(s), "Allow")).containsExactlyElementsOf(ALLOWED_ACTIONS);
        assertThat(actions(statements(s), "Allow")).noneMatch(action -> action.contains("*"));
    }

    @Test
    void taskRole_withoutOpenSearch_hasNoSearchStatement() {
        assertThat(actions(statements(Synthesized.variant()), "Allow"))
                .containsExactlyElementsOf(ALLOWED_ACTIONS.stream()
                        .filter(action -> !action.startsWith("es:"))
                        .toList());
    }

    @SuppressWarnings("unchecked")
    static List<Object> statements(Synthesized s) {
        String role = s.logicalId("AWS::IAM::Role", "TaskPolicyRole");
        List<Map<String, Object>> policies = (List<Map<String, Object>>)
                Synthesized.properties(s.resources().get(role)).get("Policies");
        assertThat(policies).hasSize(1);
        Map<String, Object> document = (Map<String, Object>) policies.get(0).get("PolicyDocument");
        return (List<Object>) document.get("Statement");
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(List<Object> statements, String effect) {
        List<String> actions = new ArrayList<>();
        for (Object statement : statements) {
            Map<String, Object> map = (Map<String, Object>) statement;
            if (effect.equals(map.get("Effect"))) {
                Object action = map.get("Action");
                if (action instanceof List<?> list) {
                    list.forEach(a -> actions.add((String) a));
                } else {
                    actions.add((String) action);
                }
            }
        }
        return actions;
    }

    private static Map<String, Object> allow(String sid, Object actions, Object resources) {
        return statement(sid, "Allow", actions, resources);
    }

    private static Map<String, Object> statement(String sid, String effect, Object actions, Object resources) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", actions);
        statement.put("Effect", effect);
        statement.put("Resource", resources);
        statement.put("Sid", sid);
        return statement;
    }

    private static Map<String, Object> withCondition(Map<String, Object> statement, Object condition) {
        statement.put("Condition", condition);
        return statement;
    }

    private static Map<String, Object> ref(String id) {
        return Map.of("Ref", id);
    }

    private static Map<String, Object> getAtt(String id, String attribute) {
        return Map.of("Fn::GetAtt", List.of(id, attribute));
    }

    private static Map<String, Object> join(Object... parts) {
        return Map.of("Fn::Join", List.of("", List.of(parts)));
    }
}
