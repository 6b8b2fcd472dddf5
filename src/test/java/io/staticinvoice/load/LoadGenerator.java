package io.staticinvoice.load;

import io.staticinvoice.check.AdminClient;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.load.RecipientSetup.ReadyRecipient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Load test of a running static invoice server (README "Load test", {@code bench/load.sh}):
 * registers N recipients that hand over static invoices and go offline, then drives M payer
 * connections paying their offers with LDK-shaped invoice_requests, and reports payments served
 * per second (first static invoice received), latency percentiles and the CPU time per served
 * payment of the server process (read from {@code /proc}, so it excludes the payers, which run
 * here in another process); with {@code --timeline on} also the payments served in each second
 * since its start and when
 * steady state began ({@link ThroughputTimeline}).
 *
 * <p>Run with the test classpath: {@code java -cp target/test-classes:target/classes:$(cat
 * target/cp.txt) io.staticinvoice.load.LoadGenerator --api-key KEY [options]}; see
 * {@link LoadOptions} for the options.
 */
public final class LoadGenerator {

    private static final long EXPIRY_PERIOD_MILLIS = 200;
    /** Share of the measured window's rate that counts as steady state on the {@code --timeline}. */
    private static final double STEADY_SHARE = 0.9;

    private final LoadOptions options;
    private final PrintStream log;
    private final ProcessCpu cpu;

    public LoadGenerator(LoadOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.cpu = new ProcessCpu(options.clockTicks());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new LoadGenerator(options, System.out).run().print(System.out);
        System.exit(0);
    }

    /** Prepares recipients and payers, runs the warm-up and the measured window, and reports. */
    public LoadReport run() throws Exception {
        LoadRecorder recorder = new LoadRecorder(options.verifyEvery());
        ThroughputTimeline timeline = new ThroughputTimeline();
        List<PayerConnection> payers = new ArrayList<>(options.payers());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            if (options.timeline()) {
                scheduler.scheduleAtFixedRate(() -> {
                    long served = timeline.tick(recorder.counts().served());
                    log.printf("t+%d s: %d served%n", timeline.seconds(), served);
                }, 1, 1, TimeUnit.SECONDS);
            }
            AdminClient admin = new AdminClient(options.rest(), options.apiKey(), Duration.ofSeconds(30));
            NodeId server = admin.node().nodeId();
            long started = System.nanoTime();
            List<ReadyRecipient> recipients = new RecipientSetup(admin, server, options.lightning(), options.paymentPaths())
                    .prepare(options.recipients());
            log.printf("%d recipients registered, invoices handed over, recipients offline (%.1f s)%n",
                    recipients.size(), (System.nanoTime() - started) / 1e9);

            started = System.nanoTime();
            for (int i = 0; i < options.payers(); i++) {
                PayerConnection payer = new PayerConnection(recipients, i * recipients.size() / options.payers(),
                        options.hotShare(), options.dummyHops(), options.replyViaServer(), options.heldHtlc(),
                        options.inFlight(), recorder);
                payers.add(payer);
                payer.connect(server, options.lightning());
            }
            log.printf("%d payers connected (%.1f s)%n", payers.size(), (System.nanoTime() - started) / 1e9);
            long timeout = options.replyTimeout().toNanos();
            long retry = options.retryAfter().toNanos();
            scheduler.scheduleAtFixedRate(() -> payers.forEach(payer -> payer.tick(timeout, retry)),
                    EXPIRY_PERIOD_MILLIS, EXPIRY_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            double perPayer = options.openLoop() ? options.rate() / options.payers() : 0;
            payers.forEach(payer -> payer.start(perPayer));
            log.printf("warming up for %d s%n", options.warmup().toSeconds());
            Thread.sleep(options.warmup().toMillis());
            LoadReport report = measure(admin, recipients, payers.get(0), recorder);
            for (PayerConnection payer : payers) {
                payer.stop();
            }
            if (options.timeline()) {
                OptionalInt steady = timeline.steadyFrom(report.servedPerSecond(), STEADY_SHARE);
                log.println(steady.isEmpty() ? "Steady state not reached by the end of the measured window"
                        : String.format("Steady state (every %d s average at least %.0f %% of the measured rate) "
                                + "from t+%d s", ThroughputTimeline.SMOOTHING, STEADY_SHARE * 100, steady.getAsInt()));
            }
            return report;
        } finally {
            scheduler.shutdownNow();
            for (PayerConnection payer : payers) {
                payer.close();
            }
        }
    }

    private LoadReport measure(AdminClient admin, List<ReadyRecipient> recipients, PayerConnection payer,
                               LoadRecorder recorder) throws Exception {
        DatabaseBackends database = DatabaseBackends.of(options);
        long self = ProcessHandle.current().pid();
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, Long> outcomesBefore = admin.outcomes();

        jcmd("JFR.start", "name=load", "settings=profile", "jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=2ms");
        recorder.openWindow();
        OptionalLong serverBefore = serverCpu();
        Map<Long, Long> databaseBefore = database.cpuNanos(cpu);
        long selfBefore = cpu.cpuNanos(self).orElseThrow();
        ProcessCpu.MachineTime machineBefore = cpu.machine();
        long windowStart = System.nanoTime();
        log.printf("measuring for %d s%n", options.duration().toSeconds());
        Thread.sleep(options.duration().toMillis());
        LoadRecorder.Window measured = recorder.closeWindow();
        OptionalLong serverAfter = serverCpu();
        Map<Long, Long> databaseAfter = database.cpuNanos(cpu);
        long selfAfter = cpu.cpuNanos(self).orElseThrow();
        ProcessCpu.MachineTime machineAfter = cpu.machine();
        Duration window = Duration.ofNanos(System.nanoTime() - windowStart);
        jcmd("JFR.stop", "name=load", "filename=" + options.jfr().map(file -> Path.of(file).toAbsolutePath().toString()).orElse(""));

        Map<String, Long> outcomesAfter = admin.outcomes();
        Map<String, Long> outcomes = new TreeMap<>();
        outcomesAfter.forEach((name, count) -> {
            long change = count - outcomesBefore.getOrDefault(name, 0L);
            if (change != 0) {
                outcomes.put(name, change);
            }
        });
        OptionalLong serverCpu = serverBefore.isPresent() && serverAfter.isPresent()
                ? OptionalLong.of(serverAfter.getAsLong() - serverBefore.getAsLong()) : OptionalLong.empty();
        OptionalLong databaseCpu = database.measured() ? OptionalLong.of(DatabaseBackends.between(databaseBefore, databaseAfter))
                : OptionalLong.empty();
        return new LoadReport(options, window, measured.counts(), measured.latencies(), serverCpu, databaseCpu, selfAfter - selfBefore,
                machineAfter.busyNanos() - machineBefore.busyNanos(), Runtime.getRuntime().availableProcessors(),
                loadAverage, outcomes, new LoadReport.Shapes(payer.invoiceRequestBytes(), payer.packetLength(),
                        recipients.get(0).invoice().length));
    }

    /** Runs a {@code jcmd} diagnostic command on the server when a flight recording was asked for. */
    private void jcmd(String... command) throws IOException, InterruptedException {
        if (options.jfr().isEmpty()) {
            return;
        }
        List<String> line = new ArrayList<>(List.of(options.jcmd(), Long.toString(options.serverPid().getAsLong())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", line) + " failed: " + output);
        }
        log.println(output);
    }

    private OptionalLong serverCpu() {
        return options.serverPid().isPresent() ? cpu.cpuNanos(options.serverPid().getAsLong()) : OptionalLong.empty();
    }

    /**
     * The PostgreSQL backend processes serving the server's database when the window opens (its
     * connection pool), whose CPU time is summed; none when no database URL was given.
     */
    private record DatabaseBackends(List<Long> pids, boolean measured) {

        static DatabaseBackends of(LoadOptions options) throws SQLException {
            if (options.databaseUrl().isEmpty()) {
                return new DatabaseBackends(List.of(), false);
            }
            List<Long> pids = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(options.databaseUrl().get(),
                    options.databaseUser(), "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select pid from pg_stat_activity "
                         + "where datname = current_database() and pid <> pg_backend_pid()")) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
            return new DatabaseBackends(List.copyOf(pids), true);
        }

        /** CPU time of each backend still running. */
        Map<Long, Long> cpuNanos(ProcessCpu cpu) {
            Map<Long, Long> times = new TreeMap<>();
            pids.forEach(pid -> cpu.cpuNanos(pid).ifPresent(nanos -> times.put(pid, nanos)));
            return times;
        }

        /** CPU time used between two readings by the backends running at both. */
        static long between(Map<Long, Long> before, Map<Long, Long> after) {
            return after.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
        }
    }
}
