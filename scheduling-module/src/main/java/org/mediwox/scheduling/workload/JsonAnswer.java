package org.mediwox.scheduling.workload;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * Writes the FHIR JSON answer of {@code $workload} straight from its figures with Jackson's streaming generator: over two
 * years a clinic's answer holds some 40,000 strata (3 MB), and HAPI's reflective encoder spent most of the request's
 * CPU on them. The JSON is the same resource {@link WorkloadReport#bundle} builds ({@code JsonAnswerTest} compares them
 * through HAPI's parser); XML, {@code _summary} and {@code _elements} are left to HAPI.
 */
@Interceptor
public class JsonAnswer {

    /** Where {@link WorkloadProvider} leaves the figures of the Bundle it answers with. */
    static final String FIGURES = JsonAnswer.class.getName() + ".figures";

    private static final JsonFactory JSON = new JsonFactory();

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean write(RequestDetails request, ResponseDetails details, HttpServletResponse response)
            throws IOException {
        if (!CsvAnswer.OPERATION.equals(request.getOperation())
                || !(details.getResponseResource() instanceof Bundle bundle)
                || !(request.getUserData().get(FIGURES) instanceof WorkloadReport.Figures figures)
                || request.getParameters().containsKey(Constants.PARAM_SUMMARY)
                || request.getParameters().containsKey(Constants.PARAM_ELEMENTS)) {
            return true;
        }
        EncodingEnum encoding =
                RestfulServerUtils.determineResponseEncodingWithDefault(request).getEncoding();
        if (encoding != EncodingEnum.JSON) {
            return true;
        }
        response.setStatus(200);
        response.setContentType(Constants.CT_FHIR_JSON_NEW + Constants.CHARSET_UTF8_CTSUFFIX);
        OutputStream out = response.getOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            if (RestfulServerUtils.prettyPrintResponse(request.getServer(), request)) {
                json.useDefaultPrettyPrinter();
            }
            write(figures, bundle.getTimestamp(), fullUrls(bundle), json);
        }
        out.flush();
        return false; // answered
    }

    /** The Bundle as JSON into {@code out} (for tests and tools). */
    static void write(WorkloadReport.Figures figures, Date now, List<String> fullUrls, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(figures, now, fullUrls, json);
        }
    }

    private static List<String> fullUrls(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getFullUrl)
                .toList();
    }

    private static void write(WorkloadReport.Figures figures, Date now, List<String> fullUrls, JsonGenerator json)
            throws IOException {
        String timestamp = new InstantType(now).getValueAsString();
        String date = new DateTimeType(now).getValueAsString();
        json.writeStartObject();
        json.writeStringField("resourceType", "Bundle");
        json.writeStringField("type", "collection");
        json.writeStringField("timestamp", timestamp);
        List<WorkloadReport.Subject> subjects = WorkloadReport.subjects(figures);
        if (!subjects.isEmpty()) {
            json.writeArrayFieldStart("entry");
            Map<String, WorkloadReport.PoolFairness> fairness = new LinkedHashMap<>();
            figures.fairness().forEach(f -> fairness.put(f.pool(), f));
            for (int i = 0; i < subjects.size(); i++) {
                json.writeStartObject();
                json.writeStringField("fullUrl", fullUrls.get(i));
                json.writeFieldName("resource");
                report(figures, subjects.get(i), date, fairness, json);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void report(
            WorkloadReport.Figures figures,
            WorkloadReport.Subject subject,
            String date,
            Map<String, WorkloadReport.PoolFairness> fairness,
            JsonGenerator json)
            throws IOException {
        WorkloadQuery.Row whole = subject.whole();
        json.writeStartObject();
        json.writeStringField("resourceType", "MeasureReport");
        json.writeStringField("status", "complete");
        json.writeStringField("type", "summary");
        json.writeStringField("measure", WorkloadReport.MEASURE);
        switch (whole.level()) {
            case PROVIDER -> {
                WorkloadReport.Label label = figures.providers()
                        .getOrDefault(whole.subject(), new WorkloadReport.Label(whole.subject(), null));
                if (label.reference() != null || label.label() != null) {
                    json.writeObjectFieldStart("subject");
                    stringIfAny(json, "reference", label.reference());
                    stringIfAny(json, "display", label.label());
                    json.writeEndObject();
                }
            }
            case POOL -> {
                json.writeObjectFieldStart("subject");
                json.writeStringField("type", "Group");
                json.writeObjectFieldStart("identifier");
                json.writeStringField("system", WorkloadReport.POOL_SYSTEM);
                json.writeStringField("value", whole.subject());
                json.writeEndObject();
                json.writeStringField("display", "Pool " + whole.subject());
                json.writeEndObject();
            }
            case TOTAL -> {
                // everything selected: no single subject
            }
        }
        json.writeStringField("date", date);
        json.writeObjectFieldStart("period");
        json.writeStringField("start", figures.from().toString());
        json.writeStringField("end", figures.to().minusDays(1).toString());
        json.writeEndObject();
        json.writeArrayFieldStart("group");
        for (WorkloadReport.Measure measure : WorkloadReport.MEASURE_LIST) {
            json.writeStartObject();
            code(json, "code", measure.code(), measure.display());
            Number value = measure.value().apply(whole);
            if (value != null && measure.count()) {
                json.writeArrayFieldStart("population");
                json.writeStartObject();
                code(json, "code", measure.code(), null);
                json.writeNumberField("count", value.intValue());
                json.writeEndObject();
                json.writeEndArray();
            } else if (value != null) {
                score(json, measure, value.doubleValue());
            }
            if (figures.grain() != WorkloadQuery.Grain.NONE) {
                json.writeArrayFieldStart("stratifier");
                json.writeStartObject();
                json.writeArrayFieldStart("code");
                json.writeStartObject();
                coding(json, "period", "Period bucket");
                json.writeEndObject();
                json.writeEndArray();
                if (!subject.buckets().isEmpty()) {
                    json.writeArrayFieldStart("stratum");
                    for (WorkloadQuery.Row row : subject.buckets()) {
                        stratum(json, measure, row);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        if (whole.level() == WorkloadQuery.Level.POOL && fairness.containsKey(whole.subject())) {
            fairness(json, fairness.get(whole.subject()));
        }
        if (whole.level() == WorkloadQuery.Level.POOL && figures.nextAvailable().containsKey(whole.subject())) {
            WorkloadReport.NextAvailable next = figures.nextAvailable().get(whole.subject());
            if (next.firstDays() != null) {
                days(json, "first-available", "Days to the first free Slot", next.firstDays());
            }
            if (next.thirdDays() != null) {
                days(json, "third-available", "Days to the third free Slot", next.thirdDays());
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void stratum(JsonGenerator json, WorkloadReport.Measure measure, WorkloadQuery.Row row)
            throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("value");
        json.writeStringField("text", row.bucket().toString());
        json.writeEndObject();
        Number value = measure.value().apply(row);
        if (value != null && measure.count()) {
            json.writeArrayFieldStart("population");
            json.writeStartObject();
            json.writeNumberField("count", value.intValue());
            json.writeEndObject();
            json.writeEndArray();
        } else if (value != null) {
            score(json, measure, value.doubleValue());
        }
        json.writeEndObject();
    }

    private static void fairness(JsonGenerator json, WorkloadReport.PoolFairness pool) throws IOException {
        Fairness f = pool.figures();
        ratioGroup(json, "spread", "Most minus fewest assignments", BigDecimal.valueOf(f.spread()));
        if (f.cv() != null) {
            ratioGroup(json, "cv", "Coefficient of variation of assignments", decimal(f.cv()));
            ratioGroup(json, "gini", "Gini coefficient of assignments", decimal(f.gini()));
        }
        byProvider(
                json,
                "share",
                "Share of the pool's assignments",
                pool.shares(),
                "pool-assigned",
                s -> s.assigned(),
                s -> s.share());
        byProvider(
                json,
                "capacity-share",
                "Share of the pool members' offered minutes",
                pool.shares(),
                "offered-minutes",
                s -> s.offeredMinutes(),
                s -> s.capacityShare());
    }

    /** A group stratified by provider: each stratum a count and a ratio of one provider. */
    private static void byProvider(
            JsonGenerator json,
            String code,
            String display,
            List<WorkloadReport.Share> shares,
            String population,
            ToIntFunction<WorkloadReport.Share> count,
            Function<WorkloadReport.Share, Double> score)
            throws IOException {
        json.writeStartObject();
        code(json, "code", code, display);
        json.writeArrayFieldStart("stratifier");
        json.writeStartObject();
        json.writeArrayFieldStart("code");
        json.writeStartObject();
        coding(json, "provider", "Provider");
        json.writeEndObject();
        json.writeEndArray();
        if (!shares.isEmpty()) {
            json.writeArrayFieldStart("stratum");
            for (WorkloadReport.Share share : shares) {
                json.writeStartObject();
                json.writeObjectFieldStart("value");
                if (share.provider().reference() != null) {
                    json.writeArrayFieldStart("coding");
                    json.writeStartObject();
                    json.writeStringField("code", share.provider().reference());
                    json.writeEndObject();
                    json.writeEndArray();
                }
                json.writeStringField(
                        "text",
                        share.provider().label() != null
                                ? share.provider().label()
                                : share.provider().reference());
                json.writeEndObject();
                json.writeArrayFieldStart("population");
                json.writeStartObject();
                code(json, "code", population, null);
                json.writeNumberField("count", count.applyAsInt(share));
                json.writeEndObject();
                json.writeEndArray();
                Double value = score.apply(share);
                if (value != null) {
                    json.writeObjectFieldStart("measureScore");
                    json.writeNumberField("value", decimal(value));
                    json.writeStringField("unit", "1");
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void ratioGroup(JsonGenerator json, String code, String display, BigDecimal value)
            throws IOException {
        json.writeStartObject();
        code(json, "code", code, display);
        json.writeObjectFieldStart("measureScore");
        json.writeNumberField("value", value);
        json.writeStringField("unit", "1");
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void days(JsonGenerator json, String code, String display, long days) throws IOException {
        json.writeStartObject();
        code(json, "code", code, display);
        json.writeObjectFieldStart("measureScore");
        json.writeNumberField("value", days);
        json.writeStringField("unit", "d");
        json.writeStringField("system", "http://unitsofmeasure.org");
        json.writeStringField("code", "d");
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Utilisation as a ratio, every other score in minutes (as {@code WorkloadReport.score}). */
    private static void score(JsonGenerator json, WorkloadReport.Measure measure, double value) throws IOException {
        json.writeObjectFieldStart("measureScore");
        json.writeNumberField("value", decimal(value));
        if (measure.code().equals("utilisation")) {
            json.writeStringField("unit", "1");
        } else {
            json.writeStringField("unit", "min");
            json.writeStringField("system", "http://unitsofmeasure.org");
            json.writeStringField("code", "min");
        }
        json.writeEndObject();
    }

    private static void code(JsonGenerator json, String field, String code, String display) throws IOException {
        json.writeObjectFieldStart(field);
        coding(json, code, display);
        json.writeEndObject();
    }

    private static void coding(JsonGenerator json, String code, String display) throws IOException {
        json.writeArrayFieldStart("coding");
        json.writeStartObject();
        json.writeStringField("system", WorkloadReport.MEASURES);
        json.writeStringField("code", code);
        stringIfAny(json, "display", display);
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void stringIfAny(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** A score as HAPI's {@code Quantity.setValue(double)} keeps it, rounded as the report rounds. */
    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(WorkloadReport.round(value));
    }
}
