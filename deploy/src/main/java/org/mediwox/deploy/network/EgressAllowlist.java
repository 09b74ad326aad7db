package org.mediwox.deploy.network;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.route53resolver.CfnFirewallDomainList;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroup;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroupAssociation;
import software.constructs.Construct;

/**
 * What may leave the VPC through the NAT gateways, decided by name: a Route 53 Resolver DNS Firewall answers only
 * for AWS service names and the clinic's allowlisted domains, and nothing for every other name.
 *
 * <p>Why DNS and not the NAT: a NAT gateway has no rules, and security groups know addresses, not names, while the
 * partners (rest-hook subscribers, a payer's CDS service, an external issuer) are known by name and move between
 * addresses. What this does not stop: a connection to an address literal, which the server's rest-hook policy already
 * refuses for private ranges; for a full stop, put AWS Network Firewall with the same domain list (TLS SNI rules)
 * between the NAT gateways and the internet gateway (deploy/README.md).
 */
final class EgressAllowlist extends Construct {

    /** AWS's own names (VPC endpoints answer under them) and the VPC's internal host names. */
    static final List<String> ALWAYS_ALLOWED = List.of("amazonaws.com", "*.amazonaws.com", "*.api.aws", "*.internal");

    EgressAllowlist(Construct scope, String id, IVpc vpc, List<String> allowedDomains) {
        super(scope, id);
        List<String> allowed = new ArrayList<>(ALWAYS_ALLOWED);
        for (String domain : allowedDomains) {
            allowed.add(domain);
            allowed.add("*." + domain);
        }
        CfnFirewallDomainList allow = CfnFirewallDomainList.Builder.create(this, "Allowed")
                .name("mediwox-egress-allowed")
                .domains(allowed)
                .build();
        CfnFirewallDomainList everything = CfnFirewallDomainList.Builder.create(this, "Everything")
                .name("mediwox-egress-everything-else")
                .domains(List.of("*"))
                .build();
        CfnFirewallRuleGroup rules = CfnFirewallRuleGroup.Builder.create(this, "Rules")
                .name("mediwox-egress")
                .firewallRules(List.of(
                        CfnFirewallRuleGroup.FirewallRuleProperty.builder()
                                .priority(100)
                                .action("ALLOW")
                                .firewallDomainListId(allow.getAttrId())
                                .build(),
                        CfnFirewallRuleGroup.FirewallRuleProperty.builder()
                                .priority(200)
                                .action("BLOCK")
                                .blockResponse("NODATA")
                                .firewallDomainListId(everything.getAttrId())
                                .build()))
                .build();
        CfnFirewallRuleGroupAssociation.Builder.create(this, "Association")
                .firewallRuleGroupId(rules.getAttrId())
                .vpcId(vpc.getVpcId())
                .priority(101)
                .name("mediwox-egress")
                .build();
    }
}
