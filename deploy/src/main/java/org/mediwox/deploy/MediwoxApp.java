package org.mediwox.deploy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app {@code npx cdk synth|deploy} runs (deploy/cdk.json): reads the settings from context, builds the stack
 * in the account and region of the caller's AWS profile ({@code CDK_DEFAULT_ACCOUNT/REGION}, or {@code -c
 * account=… -c region=…}), and applies cdk-nag's AWS Solutions and HIPAA Security checks, so a finding the tests
 * would refuse also shows at the command line.
 */
public final class MediwoxApp {

    private MediwoxApp() {}

    public static void main(String[] args) {
        App app = new App();
        String account = value(app, "account", "CDK_DEFAULT_ACCOUNT");
        String region = value(app, "region", "CDK_DEFAULT_REGION");
        if (region == null) {
            throw new IllegalArgumentException("no region: set -c region=… or an AWS profile with a region");
        }
        DeploySettings settings = DeploySettings.from(app.getNode()::tryGetContext, region);
        new MediwoxStack(
                app,
                "Mediwox",
                StackProps.builder()
                        .env(Environment.builder()
                                .account(account)
                                .region(region)
                                .build())
                        .description("Mediwox FHIR appointment server (deploy/README.md)")
                        .build(),
                settings);
        Aspects.of(app).add(new AwsSolutionsChecks());
        Aspects.of(app).add(new HIPAASecurityChecks());
        app.synth();
    }

    private static String value(App app, String contextKey, String environmentVariable) {
        Object context = app.getNode().tryGetContext(contextKey);
        return context != null ? context.toString() : System.getenv(environmentVariable);
    }
}
