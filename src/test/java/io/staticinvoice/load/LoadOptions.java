package io.staticinvoice.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The settings of one {@link LoadGenerator} run, from {@code --name value} arguments.
 *
 * @param rest           base URL of the server's admin API
 * @param apiKey         an OPERATOR API key (registers recipients)
 * @param lightning      the server's BOLT 8 listener
 * @param recipients     recipients registered, each handing over one static invoice (slot 0)
 * @param payers         payer nodes, one BOLT 8 connection each
 * @param inFlight       closed loop: payments each payer keeps outstanding
 * @param rate           open loop instead, when positive: payments started per second over all payers
 * @param hotShare       share of the payments (0 to 1) that go to the first recipient, the hot one; the
 *                       others are spread evenly over all recipients
 * @param dummyHops      dummy hops in each payer reply path (LDK 0.2.5 pads with 3, LDK 0.3 with 1)
 * @param warmup         load before the measured window
 * @param duration       the measured window
 * @param replyTimeout   a request unanswered this long since it was first sent counts as lost: its payment got
 *                       no invoice
 * @param retryAfter     a request unanswered this long is sent again on a fresh reply path, as LDK payers retry
 * @param verifyEvery    every n-th reply is peeled completely and compared with the stored invoice (0 = none)
 * @param serverPid      the server's process, whose CPU time is read from {@code /proc}
 * @param databaseUrl    JDBC URL of the server's database, whose backends' CPU time is read from {@code /proc}
 * @param databaseUser   user for {@code databaseUrl}
 * @param clockTicks     the kernel's {@code CLK_TCK} ({@code getconf CLK_TCK}), the unit of {@code /proc} CPU times
 * @param jfr            when present, a JDK Flight Recording (profile settings and CPU-time samples every 2 ms of CPU, which also catch threads in native code) of the server over the
 *                       measured window is written to this file, with {@code jcmd}
 * @param jcmd           the {@code jcmd} of the server's JDK
 * @param paymentPaths   payment paths in each recipient's static invoice (4: about the 1,450 bytes of an LDK
 *                       0.3 recipient's, whose answer no longer fits the 1,300-byte onion packet)
 * @param replyViaServer payers' reply paths start at the server, as LDK 0.3 payers' do (their peer as
 *                       introduction node), so the server steps past its own hop before answering
 * @param heldHtlc       after a payment's first static invoice the payer sends {@code held_htlc_available}
 *                       over the invoice's message path, as LDK payers do: the server relays it into the
 *                       offline recipient's mailbox
 * @param timeline       print the static invoices served in each second since the start, and the second
 *                       from which the server ran at steady state ({@link ThroughputTimeline})
 */
public record LoadOptions(URI rest, String apiKey, InetSocketAddress lightning, int recipients, int payers,
                          int inFlight, double rate, double hotShare, int dummyHops, Duration warmup,
                          Duration duration, Duration replyTimeout, Duration retryAfter, int verifyEvery, OptionalLong serverPid,
                          Optional<String> databaseUrl, String databaseUser, int clockTicks, Optional<String> jfr,
                          String jcmd, int paymentPaths, boolean replyViaServer, boolean heldHtlc, boolean timeline) {

    private static final Set<String> NAMES = Set.of("rest", "api-key", "lightning", "recipients", "payers",
            "in-flight", "rate", "hot-share", "dummy-hops", "warmup", "duration", "reply-timeout", "retry-after", "verify-every",
            "server-pid", "db-url", "db-user", "clock-ticks", "jfr", "jcmd", "payment-paths", "reply-via-server",
            "held-htlc", "timeline");

    public LoadOptions {
        if (recipients < 1 || payers < 1 || inFlight < 1) {
            throw new IllegalArgumentException("recipients, payers and in-flight must be positive");
        }
        if (!(hotShare >= 0 && hotShare <= 1)) {
            throw new IllegalArgumentException("hot-share must be between 0 and 1, got " + hotShare);
        }
        if (jfr.isPresent() && serverPid.isEmpty()) {
            throw new IllegalArgumentException("--jfr needs --server-pid");
        }
        if (dummyHops < 0 || rate < 0 || verifyEvery < 0 || clockTicks < 1 || paymentPaths < 1) {
            throw new IllegalArgumentException("dummy-hops, rate, verify-every must not be negative, clock-ticks positive");
        }
    }

    /** Whether the payers send at a fixed total rate rather than keeping {@link #inFlight} outstanding. */
    public boolean openLoop() {
        return rate > 0;
    }

    /**
     * Parses {@code --name value} pairs; every option but {@code --api-key} has a default.
     *
     * @throws IllegalArgumentException on an unknown option, a missing value or a malformed one
     */
    public static LoadOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: --" + String.join(", --",
                        NAMES.stream().sorted().toList()));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
        String apiKey = values.get("api-key");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key (an OPERATOR key of the server) is required");
        }
        String serverPid = values.get("server-pid");
        return new LoadOptions(
                URI.create(values.getOrDefault("rest", "http://127.0.0.1:8080")),
                apiKey,
                address(values.getOrDefault("lightning", "127.0.0.1:9735")),
                integer(values, "recipients", 100),
                integer(values, "payers", 8),
                integer(values, "in-flight", 6),
                Double.parseDouble(values.getOrDefault("rate", "0")),
                Double.parseDouble(values.getOrDefault("hot-share", "0")),
                integer(values, "dummy-hops", 1),
                seconds(values, "warmup", 10),
                seconds(values, "duration", 30),
                seconds(values, "reply-timeout", 10),
                seconds(values, "retry-after", 5),
                integer(values, "verify-every", 16),
                serverPid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(serverPid)),
                Optional.ofNullable(values.get("db-url")),
                values.getOrDefault("db-user", "postgres"),
                integer(values, "clock-ticks", 100),
                Optional.ofNullable(values.get("jfr")),
                values.getOrDefault("jcmd", "jcmd"),
                integer(values, "payment-paths", 4),
                onOff("reply-via-server", values.getOrDefault("reply-via-server", "on")),
                onOff("held-htlc", values.getOrDefault("held-htlc", "on")),
                onOff("timeline", values.getOrDefault("timeline", "off")));
    }

    private static int integer(Map<String, String> values, String name, int defaultValue) {
        String value = values.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    /** Whole seconds, written {@code 30} or {@code 30s}. */
    private static Duration seconds(Map<String, String> values, String name, long defaultSeconds) {
        String value = values.get(name);
        if (value == null) {
            return Duration.ofSeconds(defaultSeconds);
        }
        return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
    }

    private static boolean onOff(String name, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be on or off, got " + value);
        };
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--lightning must be host:port, got " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
