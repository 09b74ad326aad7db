package org.mediwox.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerProcess;
import org.mediwox.server.support.Tokens;

/**
 * The demo history on the shipped jar, as a newcomer gets it: a first start in demo mode (history on, its default; the
 * shared test server turns it off) writes the past weeks in the background, {@code $workload} then shows them, and a
 * second start on the same database adds nothing.
 */
class DemoHistoryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] ARGUMENTS = {
        "--mediwox.demo=true",
        "--mediwox.demo.history=true",
        "--mediwox.notification.transport=log",
        "--mediwox.rate-limit.token.requests=100000"
    };

    private static ServerProcess server;

    @BeforeAll
    static void firstStart() {
        server = new ServerProcess(
                Path.of(
                        "target",
                        "it-data",
                        "demo-history-" + UUID.randomUUID().toString().substring(0, 8)),
                Map.of());
        server.start(ARGUMENTS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop();
    }

    @Test
    void afterAFirstStart_theHistoryIsWritten_workloadShowsIt_andASecondStartAddsNothing() throws Exception {
        // given a first start: the server answers at once, the history is written behind it
        String token = Tokens.demoClient(server.root(), "system/*.cruds");
        Awaitility.await("the demo history's marker completed")
                .atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> get("/fhir/Task?identifier=" + encode("https://mediwox.org/fhir/demo|history"), token)
                        .body()
                        .contains("\"status\":\"completed\""));
        assertThat(server.output()).contains("Demo history: day 30/30");

        // when the clinic's past six weeks are asked for
        LocalDate today = LocalDate.now(DemoDataLoader.CLINIC_ZONE);
        Map<String, String> total = totalRow(token, today.minusWeeks(6), today);

        // then they show the history's bookings and what became of them
        assertThat(number(total, "booked")).isBetween(1_800.0, 2_200.0);
        assertThat(number(total, "cancelled-patient")).isPositive();
        assertThat(number(total, "cancelled-clinic")).isPositive();
        assertThat(number(total, "noshow")).isPositive();
        assertThat(number(total, "rescheduled")).isPositive();
        assertThat(number(total, "urgent")).isPositive();
        assertThat(number(total, "fulfilled")).isGreaterThan(number(total, "noshow"));
        assertThat(number(total, "lead-time-p50"))
                .as("booked days ahead, in minutes")
                .isGreaterThan(24 * 60.0);
        assertThat(number(total, "offered")).isEqualTo(30 * 8 * 16.0);
        long appointments = count("Appointment", token);
        long slots = count("Slot", token);

        // and a second start on the same database finds the history written and adds nothing
        server.stop();
        server.start(ARGUMENTS);
        String again = Tokens.demoClient(server.root(), "system/*.cruds");
        Awaitility.await("the second start's check")
                .atMost(Duration.ofMinutes(2))
                .until(() -> server.output().contains("Demo history: already written"));
        assertThat(count("Appointment", again)).isEqualTo(appointments);
        assertThat(count("Slot", again)).isEqualTo(slots);
        assertThat(totalRow(again, today.minusWeeks(6), today)).isEqualTo(total);
    }

    private static Map<String, String> totalRow(String token, LocalDate from, LocalDate to) {
        HttpResponse<String> csv = get(
                "/fhir/$workload?start=" + from + "&end=" + to + "&grouping=none&level=total&_format="
                        + encode("text/csv"),
                token);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        String[] values = lines.stream()
                .skip(1)
                .filter(l -> l.startsWith("total,"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no total row in " + csv.body()))
                .split(",", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size() && i < values.length; i++) {
            row.put(header.get(i), values[i]);
        }
        return row;
    }

    private static double number(Map<String, String> row, String measure) {
        String value = row.get(measure);
        assertThat(value).as(measure + " in " + row).isNotBlank();
        return Double.parseDouble(value);
    }

    private static long count(String type, String token) {
        String body = get("/fhir/" + type + "?_summary=count", token).body();
        java.util.regex.Matcher total =
                java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(body);
        assertThat(total.find()).as(body).isTrue();
        return Long.parseLong(total.group(1));
    }

    private static HttpResponse<String> get(String path, String token) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.root() + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/fhir+json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
