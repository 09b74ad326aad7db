package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The resources a client passes into one of Mediwox's operations ({@code appointment-resource} of {@code $hold} and
 * {@code $book}, also inside {@code part}s) are validated in full with HAPI's instance validator against their Mediwox
 * profile before the operation runs. Registered with the REST server's interceptor service.
 */
@Interceptor
public class OperationInputValidation {

    private final ProfileValidator validator;
    private final ValidationProperties properties;
    private final Set<String> operations;
    private final FhirContext fhirContext;
    private final ProfileValidationInterceptor reporter;

    /** @param operations the names of Mediwox's operations ({@code $book}, …) */
    public OperationInputValidation(
            ProfileValidator validator,
            ValidationProperties properties,
            Set<String> operations,
            FhirContext fhirContext,
            ProfileValidationInterceptor reporter) {
        this.validator = validator;
        this.properties = properties;
        this.operations = Set.copyOf(operations);
        this.fhirContext = fhirContext;
        this.reporter = reporter;
    }

    /** The resources in the Parameters of a Mediwox operation ({@code appointment-resource} of {@code $hold}, …). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void operationInput(RequestDetails request, RestOperationTypeEnum operation) {
        if (properties.mode() == ValidationProperties.Mode.OFF
                || (operation != RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                        && operation != RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE)
                || !operations.contains(request.getOperation())) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        EncodingEnum encoding = encodingOf(request);
        IBaseResource parsed;
        try {
            parsed = encoding.newParser(fhirContext).parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return; // the operation answers unparseable input itself
        }
        if (!(parsed instanceof Parameters parameters)) {
            return;
        }
        List<ProfileValidationInterceptor.Issue> issues = new ArrayList<>();
        for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
            collect(parameter.getName(), parameter, issues);
        }
        reporter.report(request.getOperation() + " input", issues);
    }

    private void collect(
            String name,
            Parameters.ParametersParameterComponent parameter,
            List<ProfileValidationInterceptor.Issue> issues) {
        if (parameter.hasResource()) {
            IBaseResource resource = parameter.getResource();
            validator.profileFor(resource.fhirType()).ifPresent(profile -> {
                for (var message : validator.errors(resource)) {
                    issues.add(new ProfileValidationInterceptor.Issue(
                            message.getLocationString(),
                            "parameter " + name + ": " + message.getMessage() + " (profile " + profile + ")"));
                }
            });
        }
        for (Parameters.ParametersParameterComponent part : parameter.getPart()) {
            collect(name + "." + part.getName(), part, issues);
        }
    }

    /** The encoding of a request body, from its Content-Type (JSON unless it says XML). */
    private static EncodingEnum encodingOf(RequestDetails request) {
        String contentType = request.getHeader("Content-Type");
        EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
        return encoding == null ? EncodingEnum.JSON : encoding;
    }
}
