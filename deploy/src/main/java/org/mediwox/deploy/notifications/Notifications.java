package org.mediwox.deploy.notifications;

import java.util.List;
import java.util.Map;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.nag.Waiver;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetEventDestinationOptions;
import software.amazon.awscdk.services.ses.ConfigurationSetTlsPolicy;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.EmailSendingEvent;
import software.amazon.awscdk.services.ses.EventDestination;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.ses.SuppressionReasons;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * E-mail and SMS as the notification module sends them ({@code MEDIWOX_NOTIFICATION_TRANSPORT=aws}).
 *
 * <p>SES: the clinic's domain identity (DKIM) with a configuration set as its default, so the server's plain
 * {@code SendEmail} calls (they name no configuration set) still get it: TLS required to the recipient's mail server,
 * bounces and complaints on SES's suppression list and published to an encrypted SNS topic for the clinic's staff.
 *
 * <p>SNS SMS: account-wide settings (transactional type, sender id, monthly spend limit) have no CloudFormation
 * resource, so a deployment-time call of {@code SetSMSAttributes} sets them.
 */
public final class Notifications extends Construct {

    /** The configuration set's name, fixed so the task role can name it without a dependency cycle. */
    public static final String CONFIGURATION_SET = "mediwox";

    private final EmailIdentity identity;
    private final ConfigurationSet configurationSet;
    private final Topic events;

    public Notifications(Construct scope, String id, DeploySettings settings, IKey topicKey) {
        super(scope, id);
        this.configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet")
                .configurationSetName(CONFIGURATION_SET)
                .tlsPolicy(ConfigurationSetTlsPolicy.REQUIRE)
                .reputationMetrics(true)
                .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
                .build();
        this.events = Topic.Builder.create(this, "EmailEvents")
                .displayName("Mediwox e-mail bounces and complaints")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        configurationSet.addEventDestination(
                "BouncesAndComplaints",
                ConfigurationSetEventDestinationOptions.builder()
                        .destination(EventDestination.snsTopic(events))
                        .events(List.of(EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT))
                        .build());
        this.identity = EmailIdentity.Builder.create(this, "Identity")
                .identity(Identity.domain(settings.emailDomain()))
                .configurationSet(configurationSet)
                .build();
        smsSettings(settings);
    }

    private void smsSettings(DeploySettings settings) {
        AwsSdkCall call = AwsSdkCall.builder()
                .service("SNS")
                .action("setSMSAttributes")
                .parameters(Map.of(
                        "attributes",
                        Map.of(
                                "DefaultSMSType", "Transactional",
                                "DefaultSenderID", settings.smsSenderId(),
                                "MonthlySpendLimit", Integer.toString(settings.smsMonthlySpendLimitUsd()))))
                .physicalResourceId(PhysicalResourceId.of("mediwox-sms-settings"))
                .build();
        AwsCustomResource sms = AwsCustomResource.Builder.create(this, "SmsSettings")
                .onCreate(call)
                .onUpdate(call)
                .installLatestAwsSdk(false)
                // SetSMSAttributes is account-wide: AWS authorizes it only on "*"
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("sns:SetSMSAttributes"))
                        .resources(List.of("*"))
                        .build())))
                .build();
        Waiver.apply(sms, Waiver.CUSTOM_RESOURCE_WILDCARD);
    }

    /** The identity's ARN, built from its name so that it does not depend on the resource. */
    public String identityArn() {
        Stack stack = Stack.of(this);
        return stack.formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("ses")
                .resource("identity")
                .resourceName(identity.getEmailIdentityName())
                .build());
    }

    public String configurationSetArn() {
        Stack stack = Stack.of(this);
        return stack.formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("ses")
                .resource("configuration-set")
                .resourceName(configurationSet.getConfigurationSetName())
                .build());
    }

    public Topic events() {
        return events;
    }

    public EmailIdentity identity() {
        return identity;
    }
}
