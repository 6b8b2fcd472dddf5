package io.staticinvoice.check;

import ch.qos.logback.classic.Level;
import io.staticinvoice.check.CheckReport.Outcome;
import io.staticinvoice.check.CheckReport.Step;
import io.staticinvoice.gateway.PeerUri;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code check} command: runs the whole protocol against a deployment as a wallet and a payer
 * would (DESIGN.md steps 1 to 4), with the server's own protocol code, and reports each step.
 *
 * <p>It registers a throwaway recipient through the admin API; connects a {@link Wallet} and a
 * {@link Payer} to the node over BOLT 8; the wallet asks for offer paths, builds its offer and a
 * signed static invoice on them and hands the invoice over (approving it through the API when the
 * server holds it PENDING for {@code sis.approval.mode=MANUAL}) until {@code StaticInvoicePersisted}
 * comes; the payer sends an invoice_request over the offer's path and must get those exact bytes
 * back; {@code GET /api/v1/invoices/{id}} must show them too; then the invoice and the recipient are
 * revoked. The recipient is revoked even when an earlier step failed.
 */
public final class DeploymentCheck {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final String LABEL = "sis-check";

    private final CheckOptions options;
    private final List<Step> steps = new ArrayList<>();

    private DeploymentCheck(CheckOptions options) {
        this.options = options;
    }

    /**
     * The {@code check} command as {@code java -jar app.jar check ...} runs it, without Spring: only
     * warnings are logged, the report goes to standard output, and the process exits with the code.
     */
    public static void main(String[] args) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
        System.exit(run(args, System.getenv(), System.out));
    }

    /**
     * Runs the command with its arguments (after {@code check}), prints the report (or the usage) and
     * returns the exit code: 0 pass, 1 fail, 2 usage error.
     */
    public static int run(String[] args, Map<String, String> environment, PrintStream out) {
        CheckOptions options;
        try {
            options = CheckOptions.parse(Arrays.asList(args), environment);
        } catch (IllegalArgumentException e) {
            out.println("check: " + e.getMessage());
            out.print(CheckOptions.USAGE);
            return 2;
        }
        CheckReport report = run(options);
        out.print(report.render());
        return report.exitCode();
    }

    /** Runs every step against the deployment {@code options} name. */
    public static CheckReport run(CheckOptions options) {
        return new DeploymentCheck(options).run();
    }

    /** The steps, in the order they run. */
    private enum Stage {
        NODE("read node (GET /api/v1/node)"),
        LIGHTNING_ADDRESS("find Lightning address"),
        REGISTER("register recipient"),
        CONNECT("connect wallet and payer (BOLT 8)"),
        OFFER_PATHS("OfferPathsRequest -> OfferPaths"),
        HAND_OVER("ServeStaticInvoice -> StaticInvoicePersisted"),
        FETCH("invoice_request -> static invoice"),
        COMPARE("compare with GET /api/v1/invoices/{id}"),
        REVOKE_INVOICE("revoke invoice"),
        REVOKE_RECIPIENT("revoke recipient");

        private final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** Thrown by a step to end the check; its message is the step's detail. */
    private static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }

    /** What a step saw, for the report, and the value later steps need. */
    private record Seen<T>(T value, String detail) {
    }

    private CheckReport run() {
        long started = System.nanoTime();
        AdminClient admin = new AdminClient(options.url(), options.apiKey(), options.timeout());
        String target = options.url() + options.lightning().map(uri -> ", Lightning " + uri).orElse("");
        String recipientId = null;
        try (Wallet wallet = new Wallet(PrivateKey.random(), options.network());
             Payer payer = new Payer(PrivateKey.random(), options.network())) {
            AdminClient.Node node = step(Stage.NODE, () -> {
                AdminClient.Node answer = admin.node();
                return new Seen<>(answer, "node " + answer.nodeId());
            });
            PeerUri lightning = step(Stage.LIGHTNING_ADDRESS, () -> lightningAddress(node));
            AdminClient.Registered registered = step(Stage.REGISTER, () -> {
                AdminClient.Registered answer = admin.register(LABEL + " " + Instant.now(), 1);
                return new Seen<>(answer, "recipient " + answer.recipientId() + ", "
                        + answer.serverPaths().size() + " server paths");
            });
            recipientId = registered.recipientId();
            step(Stage.CONNECT, () -> {
                wallet.start();
                payer.start();
                wallet.connect(lightning.nodeId(), lightning.address());
                payer.connect(lightning.nodeId(), lightning.address());
                return new Seen<>(null, "to " + lightning.address());
            });
            Wallet.OfferPathsAnswer offerPaths = step(Stage.OFFER_PATHS, () -> {
                Wallet.OfferPathsAnswer answer = wallet.requestOfferPaths(registered.serverPaths().get(0), 0,
                        options.timeout());
                return new Seen<>(answer, answer.offerPaths().paths().size() + " offer paths");
            });
            Offer offer = wallet.offer(offerPaths.offerPaths());
            BlindedMessagePath forwardPath = wallet.forwardPath(lightning.nodeId());
            StaticInvoice invoice = wallet.invoice(offer, forwardPath, Instant.now());
            long invoiceId = step(Stage.HAND_OVER,
                    () -> handOver(admin, wallet, registered.recipientId(), invoice, forwardPath, offerPaths));
            step(Stage.FETCH, () -> {
                payer.request(offer, payer.invoiceRequest(offer), true);
                byte[] served = payer.staticInvoice(options.timeout()).orElseThrow(() -> new StepFailed(
                        "no static invoice within " + options.timeout().toMillis() + " ms"));
                if (!Arrays.equals(served, invoice.bytes())) {
                    throw new StepFailed("the served invoice (" + served.length + " bytes) is not the one handed over ("
                            + invoice.bytes().length + " bytes)");
                }
                return new Seen<>(null, served.length + " bytes, as handed over, for offer " + offer.encode()
                        .substring(0, 16) + "...");
            });
            step(Stage.COMPARE, () -> {
                String hex = admin.invoice(invoiceId).invoiceHex();
                if (!hex.equalsIgnoreCase(Hex.encode(invoice.bytes()))) {
                    throw new StepFailed("invoice " + invoiceId + "'s invoiceHex differs from the bytes served");
                }
                return new Seen<>(null, "invoice " + invoiceId + ": same bytes");
            });
            step(Stage.REVOKE_INVOICE, () -> expectRevoked(admin.revokeInvoice(invoiceId, "deployment check"),
                    "invoice " + invoiceId));
            step(Stage.REVOKE_RECIPIENT, () -> revokeRecipient(admin, registered.recipientId()));
        } catch (StepFailed e) {
            finishAfterFailure(admin, recipientId);
        }
        return new CheckReport(target, steps, Duration.ofNanos(System.nanoTime() - started));
    }

    private Seen<PeerUri> lightningAddress(AdminClient.Node node) throws StepFailed {
        PeerUri uri;
        if (options.lightning().isPresent()) {
            CheckOptions.Lightning given = options.lightning().get();
            uri = new PeerUri(given.nodeId().orElse(node.nodeId()), given.address());
        } else if (node.uris().isEmpty()) {
            throw new StepFailed("GET /api/v1/node shows no URIs (sis.lightning.public-addresses): give --lightning");
        } else {
            uri = PeerUri.parse(node.uris().get(0));
        }
        if (!uri.nodeId().equals(node.nodeId())) {
            throw new StepFailed("the Lightning URI's node id " + uri.nodeId() + " is not the API's node "
                    + node.nodeId());
        }
        return new Seen<>(uri, uri.toString());
    }

    /**
     * Serves the invoice, finds it through the API (approving it when it is PENDING) and waits for
     * {@code StaticInvoicePersisted}; the invoice's id.
     */
    private Seen<Long> handOver(AdminClient admin, Wallet wallet, String recipientId, StaticInvoice invoice,
                                BlindedMessagePath forwardPath, Wallet.OfferPathsAnswer offerPaths) throws Exception {
        wallet.serve(invoice.bytes(), forwardPath, offerPaths.serveInvoicePath());
        long deadline = System.nanoTime() + options.timeout().toNanos();
        List<Long> ids = admin.invoiceIds(recipientId);
        while (ids.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            ids = admin.invoiceIds(recipientId);
        }
        if (ids.isEmpty()) {
            throw new StepFailed("the server stored no invoice for the recipient within "
                    + options.timeout().toMillis() + " ms");
        }
        long id = ids.get(0);
        String note = "";
        if ("PENDING".equals(admin.invoice(id).status())) {
            admin.approveInvoice(id);
            note = ", approved (sis.approval.mode=MANUAL)";
        }
        if (!wallet.confirmed(options.timeout())) {
            throw new StepFailed("invoice " + id + " stored, but no StaticInvoicePersisted within "
                    + options.timeout().toMillis() + " ms");
        }
        return new Seen<>(id, "invoice " + id + ", " + invoice.bytes().length + " bytes" + note);
    }

    private static Seen<Void> revokeRecipient(AdminClient admin, String recipientId) throws Exception {
        return expectRevoked(admin.revokeRecipient(recipientId), "recipient " + recipientId);
    }

    private static Seen<Void> expectRevoked(String status, String what) throws StepFailed {
        if (!"REVOKED".equals(status)) {
            throw new StepFailed(what + " is " + status + " after revoking, not REVOKED");
        }
        return new Seen<>(null, what + " REVOKED");
    }

    /** Runs one step, records it, and returns what it saw; a failure is recorded and ends the check. */
    private <T> T step(Stage stage, Callable<Seen<T>> action) throws StepFailed {
        String name = stage.label;
        long started = System.nanoTime();
        try {
            Seen<T> seen = action.call();
            steps.add(new Step(name, Outcome.PASS, Duration.ofNanos(System.nanoTime() - started), seen.detail()));
            return seen.value();
        } catch (Exception e) {
            String reason = reason(e);
            steps.add(new Step(name, Outcome.FAIL, Duration.ofNanos(System.nanoTime() - started), reason));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StepFailed(reason);
        }
    }

    /**
     * Marks the steps that did not run as skipped, except that a registered recipient is still revoked
     * so that a failed check leaves nothing active behind.
     */
    private void finishAfterFailure(AdminClient admin, String recipientId) {
        List<String> done = steps.stream().map(Step::name).toList();
        for (Stage stage : Stage.values()) {
            if (done.contains(stage.label)) {
                continue;
            }
            if (stage == Stage.REVOKE_RECIPIENT && recipientId != null) {
                try {
                    step(stage, () -> revokeRecipient(admin, recipientId));
                } catch (StepFailed e) {
                    // recorded as the step's failure
                }
            } else {
                steps.add(new Step(stage.label, Outcome.SKIP, Duration.ZERO, ""));
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : cause instanceof StepFailed || cause instanceof AdminClient.AdminApiException ? message
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
