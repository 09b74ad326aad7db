package org.mediwox.deploy.service;

import java.util.List;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * AWS WAF in front of the load balancer: AWS's common rule set and known-bad-inputs rule set, and a rate-based rule
 * per client address. Requests it blocks never reach a task; its log goes to an encrypted log group.
 *
 * <p>One rule of the common set is only counted: {@code SizeRestrictions_BODY} blocks bodies over 8 KB, and FHIR
 * writes, Bundles and documents (up to {@code MEDIWOX_FHIR_MAX_REQUEST_SIZE}, 16 MB) are routinely larger; the server
 * bounds bodies itself (413).
 */
final class WebFirewall extends Construct {

    static final String COMMON = "AWSManagedRulesCommonRuleSet";
    static final String KNOWN_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";

    WebFirewall(Construct scope, String id, String loadBalancerArn, int requestsPer5Minutes, IKey logKey) {
        super(scope, id);
        CfnWebACL acl = CfnWebACL.Builder.create(this, "Acl")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                        .build())
                .visibilityConfig(visibility("mediwox"))
                .rules(List.of(
                        managed(0, COMMON, List.of("SizeRestrictions_BODY")),
                        managed(1, KNOWN_BAD_INPUTS, List.of()),
                        CfnWebACL.RuleProperty.builder()
                                .name("RatePerClientAddress")
                                .priority(2)
                                .action(CfnWebACL.RuleActionProperty.builder()
                                        .block(CfnWebACL.BlockActionProperty.builder()
                                                .build())
                                        .build())
                                .statement(CfnWebACL.StatementProperty.builder()
                                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                                .limit(requestsPer5Minutes)
                                                .aggregateKeyType("IP")
                                                .build())
                                        .build())
                                .visibilityConfig(visibility("rate"))
                                .build()))
                .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(loadBalancerArn)
                .webAclArn(acl.getAttrArn())
                .build();
        // WAF accepts only log groups whose name starts with aws-waf-logs-
        LogGroup log = LogGroup.Builder.create(this, "Log")
                .logGroupName("aws-waf-logs-mediwox")
                .encryptionKey(logKey)
                .retention(RetentionDays.ONE_YEAR)
                .build();
        CfnLoggingConfiguration.Builder.create(this, "Logging")
                .resourceArn(acl.getAttrArn())
                .logDestinationConfigs(List.of(log.getLogGroupArn()))
                // the Authorization header carries patients' and clinicians' bearer tokens: never logged
                .redactedFields(List.of(CfnLoggingConfiguration.FieldToMatchProperty.builder()
                        .singleHeader(java.util.Map.of("Name", "authorization"))
                        .build()))
                .build();
    }

    private static CfnWebACL.RuleProperty managed(int priority, String name, List<String> countedRules) {
        CfnWebACL.ManagedRuleGroupStatementProperty.Builder group =
                CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                        .vendorName("AWS")
                        .name(name);
        if (!countedRules.isEmpty()) {
            group.ruleActionOverrides(countedRules.stream()
                    .map(rule -> CfnWebACL.RuleActionOverrideProperty.builder()
                            .name(rule)
                            .actionToUse(CfnWebACL.RuleActionProperty.builder()
                                    .count(CfnWebACL.CountActionProperty.builder()
                                            .build())
                                    .build())
                            .build())
                    .toList());
        }
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .overrideAction(CfnWebACL.OverrideActionProperty.builder()
                        .none(java.util.Map.of())
                        .build())
                .statement(CfnWebACL.StatementProperty.builder()
                        .managedRuleGroupStatement(group.build())
                        .build())
                .visibilityConfig(visibility(name))
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metric)
                .sampledRequestsEnabled(true)
                .build();
    }
}
