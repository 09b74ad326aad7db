package org.mediwox.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.rest.api.InterceptorInvocationTimingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.mediwox.server.security.SmartAccess;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What building and storing the audit of one request costs in CPU: Mediwox's {@link AuditTrail} against HAPI's
 * {@link BalpAuditCaptureInterceptor} with a sink into the same {@link AuditEventWriter} (same queue, same table
 * {@code mediwox.audit_event}, same PostgreSQL). Run by {@code bench/audit-cost.sh}; not a test.
 *
 * <p>Each path is registered alone in an {@link InterceptorService} and driven through the pointcuts HAPI's server
 * fires for that request (Mediwox: outgoing response and completion, or the exception; BALP: pre-show for reads and
 * searches, pre-commit for creates). The request details are built before the clock starts. Counted per operation:
 * CPU of the calling thread, of the writer thread (JSON encoding, batch insert) and of the PostgreSQL backend process
 * that stores the rows, all from one block of operations that ends when the writer has stored everything. Rounds run
 * the two paths in A B, B A, A B … order; the figures are medians over the rounds.
 */
final class AuditCost {

    private static final String BASE = "http://localhost:8080/fhir";
    private static final int PATIENTS_IN_SEARCH = 12;

    enum Trail {
        MEDIWOX,
        BALP
    }

    enum Scenario {
        READ("read of an Appointment (1 patient)"),
        CREATE("create of an Appointment (1 patient)"),
        SEARCH("search returning 20 Appointments of 12 patients"),
        REFUSED("read refused with 403");

        final String title;

        Scenario(String title) {
            this.title = title;
        }
    }

    /** CPU of one block, nanoseconds. */
    record Cost(long caller, long writer, long database, long events, int operations) {
        double perOp(long nanos) {
            return nanos / 1e6 / operations;
        }

        double total() {
            return perOp(caller + writer + database);
        }
    }

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final RestfulServer server = new RestfulServer(fhir);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Trail, InterceptorService> broadcasters = new EnumMap<>(Trail.class);
    private final AuditEventWriter writer;
    private final long writerThread;
    private final int backendPid;
    private final JdbcTemplate counter;
    private final long clockTick;

    private AuditCost(AuditEventWriter writer, int backendPid, JdbcTemplate counter, long clockTick) {
        this.writer = writer;
        this.backendPid = backendPid;
        this.counter = counter;
        this.clockTick = clockTick;
        this.writerThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("audit-writer"))
                .findFirst()
                .orElseThrow()
                .getId();
        InterceptorService mediwox = new InterceptorService("mediwox");
        mediwox.registerInterceptor(new AuditTrail(fhir, writer));
        broadcasters.put(Trail.MEDIWOX, mediwox);
        InterceptorService balp = new InterceptorService("balp");
        balp.registerInterceptor(
                new BalpAuditCaptureInterceptor(event -> writer.write(record(event)), new TokenContext()));
        broadcasters.put(Trail.BALP, balp);
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 7);
        double scale = Double.parseDouble(System.getProperty("scale", "1"));
        long clockTick = Long.getLong("clk.tck", 100);
        signInPractitioner();
        Path data = Files.createTempDirectory("audit-cost");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("pg"))
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(data.resolve("bin").toFile())
                // as the server runs its embedded cluster: durable
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start()) {
            SingleConnectionDataSource store = new SingleConnectionDataSource(
                    postgres.getPostgresDatabase().getConnection(), true);
            int backendPid;
            try (Connection connection = store.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create schema mediwox");
                statement.execute("set search_path to mediwox");
                ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/mediwox/V4__audit_event.sql"));
                ScriptUtils.executeSqlScript(
                        connection, new ClassPathResource("db/mediwox/V9__audit_event_compact.sql"));
                var rs = statement.executeQuery("select pg_backend_pid()");
                rs.next();
                backendPid = rs.getInt(1);
            }
            AuditEventWriter writer = new AuditEventWriter(
                    new AuditRepository(new JdbcTemplate(store), FhirContext.forR4Cached()), 50_000);
            writer.start();
            // the server's scheduler drains the queue every DRAIN_MILLIS; here one thread of our own does, so that its
            // CPU can be counted apart from the caller's
            Thread drainer = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            writer.drain();
                            try {
                                Thread.sleep(AuditEventWriter.DRAIN_MILLIS);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "audit-writer");
            drainer.setDaemon(true);
            drainer.start();
            JdbcTemplate counter = new JdbcTemplate(postgres.getPostgresDatabase());
            try {
                new AuditCost(writer, backendPid, counter, clockTick).run(rounds, scale);
            } finally {
                drainer.interrupt();
                drainer.join();
                writer.stop();
                store.destroy();
            }
        } finally {
            deleteQuietly(data);
        }
    }

    private void run(int rounds, double scale) throws Exception {
        Map<Scenario, Integer> sizes = new LinkedHashMap<>();
        sizes.put(Scenario.READ, (int) (3000 * scale));
        sizes.put(Scenario.CREATE, (int) (3000 * scale));
        sizes.put(Scenario.SEARCH, (int) (400 * scale));
        sizes.put(Scenario.REFUSED, (int) (3000 * scale));
        System.out.printf(
                Locale.ROOT,
                "audit-cost: %d rounds (after 2 warm-up rounds), order A B / B A alternating; A = Mediwox AuditTrail,"
                        + " B = HAPI BalpAuditCaptureInterceptor -> same writer and table%n",
                rounds);
        internalWriteCheck();
        for (Map.Entry<Scenario, Integer> entry : sizes.entrySet()) {
            Scenario scenario = entry.getKey();
            int n = entry.getValue();
            for (int warm = 0; warm < 2; warm++) {
                block(Trail.MEDIWOX, scenario, n);
                block(Trail.BALP, scenario, n);
            }
            shape(Trail.MEDIWOX, scenario);
            shape(Trail.BALP, scenario);
            List<Cost> mediwox = new ArrayList<>();
            List<Cost> balp = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Cost a;
                Cost b;
                if (round % 2 == 0) {
                    a = block(Trail.MEDIWOX, scenario, n);
                    b = block(Trail.BALP, scenario, n);
                } else {
                    b = block(Trail.BALP, scenario, n);
                    a = block(Trail.MEDIWOX, scenario, n);
                }
                mediwox.add(a);
                balp.add(b);
                ratios.add(a.total() == 0 ? Double.NaN : b.total() / a.total());
            }
            report(scenario, n, mediwox, balp, ratios);
        }
    }

    /** One block of n operations on one path, from built requests to rows stored. */
    private Cost block(Trail path, Scenario scenario, int n) throws InterruptedException {
        List<Runnable> operations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            operations.add(operation(path, scenario, i));
        }
        long rowsBefore = rows();
        System.gc();
        long caller = threads.getCurrentThreadCpuTime();
        long writing = threads.getThreadCpuTime(writerThread);
        long database = backendCpu();
        for (Runnable operation : operations) {
            operation.run();
        }
        writer.flush();
        Thread.sleep(150); // the writer thread finishes the round it stored the last batch in: its CPU belongs here
        caller = threads.getCurrentThreadCpuTime() - caller;
        writing = threads.getThreadCpuTime(writerThread) - writing;
        database = backendCpu() - database;
        return new Cost(caller, writing, database, rows() - rowsBefore, n);
    }

    /** What one operation stores: how many rows, and whom each names as patient. */
    private void shape(Trail path, Scenario scenario) throws InterruptedException {
        long before = rows();
        operation(path, scenario, 1).run();
        writer.flush();
        List<String> patients = counter.queryForList(
                "select array_to_string(patients, ' ') from mediwox.audit_event where id > (select coalesce(max(id), 0)"
                        + " - ? from mediwox.audit_event) order by id",
                String.class,
                rows() - before);
        System.out.printf(
                Locale.ROOT,
                "%s, one %s: %d event(s), patients named: %s%n",
                path == Trail.MEDIWOX ? "Mediwox" : "BALP",
                scenario.name().toLowerCase(Locale.ROOT),
                patients.size(),
                patients.stream().map(p -> "[" + p + "]").toList());
    }

    /** What one request fires on the path's interceptors, built up front; running it is what is measured. */
    private Runnable operation(Trail path, Scenario scenario, int i) {
        InterceptorService hooks = broadcasters.get(path);
        return switch (scenario) {
            case READ -> {
                Appointment appointment = appointment("r" + i, i % 50);
                ServletRequestDetails request =
                        request(hooks, RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Appointment/r" + i, null);
                request.setId(new IdType("Appointment", "r" + i));
                yield path == Trail.MEDIWOX
                        ? completed(hooks, request, appointment)
                        : shown(hooks, request, List.of(appointment));
            }
            case CREATE -> {
                Appointment appointment = appointment("c" + i, i % 50);
                appointment.setIdElement(new IdType("Appointment", "c" + i, "1"));
                ServletRequestDetails request =
                        request(hooks, RequestTypeEnum.POST, RestOperationTypeEnum.CREATE, "Appointment", null);
                request.setResource(appointment);
                yield path == Trail.MEDIWOX
                        ? completed(hooks, request, appointment)
                        : precommitCreated(hooks, request, appointment);
            }
            case SEARCH -> {
                List<IBaseResource> found = new ArrayList<>();
                Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
                for (int k = 0; k < 20; k++) {
                    Appointment appointment = appointment("s" + i + "-" + k, k % PATIENTS_IN_SEARCH);
                    found.add(appointment);
                    bundle.addEntry().setResource(appointment).setFullUrl(BASE + "/Appointment/s" + i + "-" + k);
                }
                ServletRequestDetails request = request(
                        hooks,
                        RequestTypeEnum.GET,
                        RestOperationTypeEnum.SEARCH_TYPE,
                        "Appointment",
                        Map.of("date", new String[] {"ge2026-01-01"}, "_count", new String[] {"20"}));
                yield path == Trail.MEDIWOX ? completed(hooks, request, bundle) : shown(hooks, request, found);
            }
            case REFUSED -> {
                ServletRequestDetails request =
                        request(hooks, RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Patient/p" + (i % 50), null);
                request.setId(new IdType("Patient", "p" + (i % 50)));
                yield refused(hooks, request);
            }
        };
    }

    private static Runnable completed(InterceptorService hooks, ServletRequestDetails request, IBaseResource response) {
        return () -> {
            hooks.callHooks(
                    Pointcut.SERVER_OUTGOING_RESPONSE,
                    new HookParams()
                            .add(RequestDetails.class, request)
                            .add(ServletRequestDetails.class, request)
                            .add(IBaseResource.class, response)
                            .add(ResponseDetails.class, new ResponseDetails(response))
                            .add(HttpServletRequest.class, request.getServletRequest())
                            .add(HttpServletResponse.class, request.getServletResponse()));
            hooks.callHooks(
                    Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY,
                    new HookParams().add(RequestDetails.class, request).add(ServletRequestDetails.class, request));
        };
    }

    private static Runnable shown(InterceptorService hooks, ServletRequestDetails request, List<IBaseResource> shown) {
        return () -> hooks.callHooks(
                Pointcut.STORAGE_PRESHOW_RESOURCES,
                new HookParams()
                        .add(IPreResourceShowDetails.class, new SimplePreResourceShowDetails(shown))
                        .add(RequestDetails.class, request)
                        .add(ServletRequestDetails.class, request));
    }

    private static Runnable precommitCreated(InterceptorService hooks, RequestDetails request, IBaseResource resource) {
        return () -> hooks.callHooks(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, createdParams(request, resource));
    }

    private static HookParams createdParams(RequestDetails request, IBaseResource resource) {
        return new HookParams()
                .add(IBaseResource.class, resource)
                .add(RequestDetails.class, request)
                .addIfMatchesType(ServletRequestDetails.class, request)
                .add(TransactionDetails.class, new TransactionDetails())
                .add(InterceptorInvocationTimingEnum.class, InterceptorInvocationTimingEnum.ACTIVE);
    }

    /** The authorization interceptor's refusal, as HAPI hands it to the exception pointcut. */
    private static Runnable refused(InterceptorService hooks, ServletRequestDetails request) {
        BaseServerResponseException denied =
                new ForbiddenOperationException("Access denied by rule: no scope grants this read");
        return () -> hooks.callHooks(
                Pointcut.SERVER_HANDLE_EXCEPTION,
                new HookParams()
                        .add(RequestDetails.class, request)
                        .add(ServletRequestDetails.class, request)
                        .add(HttpServletRequest.class, request.getServletRequest())
                        .add(HttpServletResponse.class, request.getServletResponse())
                        .add(BaseServerResponseException.class, denied));
    }

    /**
     * A write made inside the server (a scheduled job, a module's listener) has no HTTP request: HAPI hands the
     * pre-commit pointcut a SystemRequestDetails and no ServletRequestDetails. Prints what each path does with it.
     */
    private void internalWriteCheck() {
        Appointment appointment = appointment("internal", 1);
        appointment.setIdElement(new IdType("Appointment", "internal", "1"));
        try {
            broadcasters
                    .get(Trail.BALP)
                    .callHooks(
                            Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED,
                            createdParams(new SystemRequestDetails(), appointment));
            System.out.println("internal write (no HTTP request), BALP: no error");
        } catch (RuntimeException e) {
            System.out.println("internal write (no HTTP request), BALP: "
                    + e.getClass().getSimpleName() + " from " + e.getStackTrace()[0]);
        }
        System.out.println("internal write (no HTTP request), Mediwox: no hook on storage pointcuts (audits requests)");
    }

    private ServletRequestDetails request(
            InterceptorService hooks,
            RequestTypeEnum method,
            RestOperationTypeEnum operation,
            String path,
            Map<String, String[]> parameters) {
        MockHttpServletRequest http = new MockHttpServletRequest(method.name(), "/fhir/" + path);
        http.setRemoteAddr("10.0.0.7");
        http.setServerPort(8080);
        StringBuilder query = new StringBuilder();
        if (parameters != null) {
            parameters.forEach((name, values) -> {
                for (String value : values) {
                    http.addParameter(name, value);
                    query.append(query.isEmpty() ? "" : "&")
                            .append(name)
                            .append('=')
                            .append(value);
                }
            });
            http.setQueryString(query.toString());
        }
        ServletRequestDetails request = new ServletRequestDetails(hooks);
        request.setServer(server);
        request.setServletRequest(http);
        request.setServletResponse(new MockHttpServletResponse());
        request.setRequestType(method);
        request.setRestOperationType(operation);
        request.setFhirServerBase(BASE);
        request.setRequestPath(path);
        request.setResourceName(path.contains("/") ? path.substring(0, path.indexOf('/')) : path);
        request.setCompleteUrl(BASE + "/" + path + (query.isEmpty() ? "" : "?" + query));
        request.setParameters(parameters == null ? Map.of() : parameters);
        return request;
    }

    private static Appointment appointment(String id, int patient) {
        Appointment appointment = new Appointment();
        appointment.setId("Appointment/" + id);
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(new Date(1_800_000_000_000L));
        appointment.setEnd(new Date(1_800_001_800_000L));
        appointment.addSlot(new Reference("Slot/s" + id));
        appointment.addParticipant().setActor(new Reference("Patient/p" + patient));
        appointment.addParticipant().setActor(new Reference("Practitioner/pr" + (patient % 5)));
        appointment.addParticipant().setActor(new Reference("Location/main"));
        return appointment;
    }

    /** A clinician's app: the user is a Practitioner, no patient context. */
    private static void signInPractitioner() {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("dr.jones")
                .claim("client_id", "clinic-app")
                .claim("fhirUser", "Practitioner/pr1")
                .claim("scope", "openid fhirUser user/*.cruds")
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    /**
     * What BALP needs to know of the request: the client and the user, from the same token Mediwox reads, parsed once
     * per request (kept in the request's user data, as a production adapter would).
     */
    private static final class TokenContext implements IBalpAuditContextServices {
        private static final String KEY = TokenContext.class.getName();

        @Override
        public Reference getAgentClientWho(RequestDetails request) {
            return new Reference()
                    .setIdentifier(new Identifier()
                            .setSystem("urn:ietf:params:oauth:client-id")
                            .setValue(access(request).clientId()));
        }

        @Override
        public Reference getAgentUserWho(RequestDetails request) {
            return new Reference(access(request).who());
        }

        /** Relative ids, as Mediwox stores them (its AuditEvent search by patient looks for {@code Patient/123}). */
        @Override
        public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType id) {
            return id.toUnqualifiedVersionless().getValue();
        }

        private static SmartAccess access(RequestDetails request) {
            return (SmartAccess) request.getUserData()
                    .computeIfAbsent(KEY, k -> SmartAccess.current().orElseThrow());
        }
    }

    private long rows() {
        Long count = counter.queryForObject("select count(*) from mediwox.audit_event", Long.class);
        return count == null ? 0 : count;
    }

    private long backendCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/" + backendPid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / clockTick;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the PostgreSQL backend's CPU time", e);
        }
    }

    private static void report(Scenario scenario, int n, List<Cost> mediwox, List<Cost> balp, List<Double> ratios) {
        System.out.printf(Locale.ROOT, "%n%s, %d operations per block%n", scenario.title, n);
        System.out.printf(
                Locale.ROOT,
                "  %-8s %9s %9s %9s %9s %10s%n",
                "path",
                "caller",
                "writer",
                "postgres",
                "total",
                "events/op");
        line("Mediwox", mediwox);
        line("BALP", balp);
        if (balp.stream().allMatch(c -> c.events() == 0)) {
            System.out.println("  ratio: none, BALP records nothing for this request");
            return;
        }
        double[] sorted =
                ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "  ratio BALP/Mediwox (total CPU, median of paired rounds): %.2f  (rounds: %s)%n",
                median(sorted),
                Arrays.toString(Arrays.stream(
                                ratios.stream().mapToDouble(Double::doubleValue).toArray())
                        .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r))
                        .toArray()));
    }

    private static void line(String name, List<Cost> costs) {
        System.out.printf(
                Locale.ROOT,
                "  %-8s %7.3f ms %6.3f ms %6.3f ms %6.3f ms %10.2f%n",
                name,
                median(costs, c -> c.perOp(c.caller())),
                median(costs, c -> c.perOp(c.writer())),
                median(costs, c -> c.perOp(c.database())),
                median(costs, Cost::total),
                median(costs, c -> (double) c.events() / c.operations()));
    }

    private static double median(List<Cost> costs, java.util.function.ToDoubleFunction<Cost> value) {
        return median(costs.stream().mapToDouble(value).sorted().toArray());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteQuietly(Path directory) {
        try (var walk = Files.walk(directory)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }

    /**
     * HAPI's BALP event as the trail's row (since the trail stores rows, not FHIR JSON): the same columns Mediwox's
     * own events fill, taken from the event's agents and entities.
     */
    private static AuditRecord record(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        org.hl7.fhir.r4.model.AuditEvent event = (org.hl7.fhir.r4.model.AuditEvent) resource;
        String clientId = "anonymous";
        String user = null;
        String source = null;
        String server = null;
        for (var agent : event.getAgent()) {
            if (agent.getWho().hasIdentifier()) {
                clientId = agent.getWho().getIdentifier().getValue();
                source = agent.getNetwork().getAddress();
            } else if (agent.getWho().hasReference()) {
                user = agent.getWho().getReference();
            } else {
                server = agent.getNetwork().getAddress();
            }
        }
        String request = "";
        String what = null;
        boolean query = false;
        List<String> patients = new java.util.ArrayList<>();
        for (var entity : event.getEntity()) {
            if ("1".equals(entity.getRole().getCode()) && entity.getWhat().hasReference()) {
                patients.add(entity.getWhat().getReference());
            } else {
                query |= entity.hasQuery();
                request = entity.hasName() ? entity.getName() : request;
                what = entity.getWhat().hasReference() ? entity.getWhat().getReference() : what;
            }
        }
        return new AuditRecord(
                event.getRecorded() == null
                        ? java.time.Instant.now()
                        : event.getRecorded().toInstant(),
                event.getMeta().hasProfile()
                        ? event.getMeta().getProfile().get(0).getValue()
                        : null,
                event.getSubtypeFirstRep().getCode(),
                event.getAction() == null ? "E" : event.getAction().toCode(),
                event.getOutcome() == null ? "0" : event.getOutcome().toCode(),
                event.getOutcomeDesc(),
                clientId,
                user,
                source,
                server,
                request,
                query,
                List.of(),
                what,
                patients);
    }
}
