package io.staticinvoice.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBeNotEmpty;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.staticinvoice.admin.MeterHistory;
import io.staticinvoice.admin.TestApiKeys;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.check.Payer;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.check.Wallet.OfferPathsAnswer;
import io.staticinvoice.support.IntegrationTest;
import io.staticinvoice.server.RecipientService;
import io.staticinvoice.store.RateOverride;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The operator console in a real headless Chromium against the running server: an operator signs
 * in, registers a wallet, and the wallet (a reference recipient over real BOLT 8 TCP, configured
 * with the server paths read off the page) hands over static invoices in manual approval mode;
 * they appear in the approvals queue without a reload, one is approved (the wallet then gets its
 * StaticInvoicePersisted), another revoked with a reason by keyboard, the audit shows both; a
 * VIEWER key is offered no change. On failure every view is saved as a screenshot under
 * {@code target/console-screenshots/}.
 */
@IntegrationTest
@TestPropertySource(properties = "sis.approval.mode=manual")
class ConsoleEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String REASON = "phone lost (console test)";
    private static final List<String> VIEWS = List.of("overview", "approvals", "recipients", "invoices", "audit");
    /** What shows that a view has loaded its data. */
    private static final Map<String, String> LOADED = Map.of(
            "overview", "#node-line:not(:empty)",
            "approvals", "#approvals-list .card, #approvals-empty:not([hidden])",
            "recipients", "#recipients-table tbody tr",
            "invoices", "#invoices-table tbody tr",
            "audit", "#audit-table tbody tr");

    @LocalServerPort int port;
    @Autowired LightningGateway gateway;
    @Autowired MeterHistory history;
    @Autowired JdbcTemplate jdbc;
    @Autowired RecipientService recipients;

    private HeadlessChromium browser;

    /** Runs before {@code @AfterEach} closes the browser. */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotsOnFailure = context -> {
        Throwable cause = context.getExecutionException().orElse(null);
        if (cause == null || browser == null) {
            return;
        }
        try {
            browser.screenshot("failure-" + context.getRequiredTestMethod().getName());
        } catch (RuntimeException | IOException e) {
            cause.addSuppressed(e);
        }
        for (String view : VIEWS) {
            try {
                browser.driver().get(url("/console/#" + view));
                browser.screenshot("failure-" + context.getRequiredTestMethod().getName() + "-" + view);
            } catch (RuntimeException | IOException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorRegistersAWalletAndApprovesAndRevokesItsInvoicesAsTheyArrive() throws Exception {
        history.sample();
        open("/console");
        trySignIn("not-a-key-of-this-server-0123456789abcdef");
        browser.waiting().until(textToBePresentInElementLocated(By.id("sign-in-error"), "not accepted"));
        assertThat(browser.consoleErrors()).singleElement().asString().contains("/api/v1/me", "401");
        signIn(TestApiKeys.OPERATOR_KEY);
        assertThat(browser.script("return sessionStorage.getItem('sis.console.apiKey')"))
                .isEqualTo(TestApiKeys.OPERATOR_KEY);
        assertThat(browser.driver().manage().getCookies()).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(TestApiKeys.OPERATOR_KEY);

        String serverPaths = register("alice phone");
        browser.waiting().until(presenceOfElementLocated(By.cssSelector("#paths-qr canvas, #paths-qr img")));
        history.sample();

        String recipientId = browser.driver().findElement(By.cssSelector("#recipient-fields dd .mono")).getText();
        By cardsOfWallet = By.xpath("//ol[@id='approvals-list']/li[.//span[@title='" + recipientId + "']]");

        navigate("approvals");
        browser.script("window.notReloaded = true");
        try (ReferenceRecipient wallet = wallet(); Payer payer = payer()) {
            BlindedMessagePath serverPath = BlindedMessagePath.decodeList(Hex.decode(serverPaths)).get(0);
            Offer approvedOffer = handOver(wallet, serverPath, 0);
            handOver(wallet, serverPath, 1);
            history.sample();

            List<WebElement> cards = browser.waiting().until(numberOfElementsToBe(cardsOfWallet, 2));
            assertThat(browser.script("return window.notReloaded")).as("the queue updated without a reload").isEqualTo(true);
            WebElement slot0 = cards.stream().filter(card -> card.getText().contains("· slot 0 ·")).findFirst().orElseThrow();
            assertThat(slot0.getText()).contains("PENDING", "✓ valid", "static invoice server check", "any amount",
                    "Payment paths", "1000 msat + 100 ppm");
            assertThat(cards).anySatisfy(card -> assertThat(card.getText()).contains("· slot 1 ·"));
            browser.screenshot("approvals");

            slot0.findElement(By.cssSelector("button.approve")).click();
            browser.waiting().until(numberOfElementsToBe(cardsOfWallet, 1));
            assertThat(wallet.confirmed(TIMEOUT)).as("StaticInvoicePersisted after approval").isTrue();
            history.sample();

            WebElement remaining = browser.driver().findElement(cardsOfWallet);
            long revokedId = Long.parseLong(remaining.getAttribute("data-id"));
            remaining.click();
            remaining.sendKeys("r");
            WebElement reason = browser.waiting().until(visibilityOfElementLocated(By.id("reason-" + revokedId)));
            reason.sendKeys(REASON, Keys.ENTER);
            browser.waiting().until(numberOfElementsToBe(cardsOfWallet, 0));
            assertThat(jdbc.queryForObject("select status || ':' || revoke_reason from sis.static_invoice where id = ?",
                    String.class, revokedId)).isEqualTo("REVOKED:" + REASON);

            // One payer asks six times in a row: more than its peer's share of the default burst.
            recipients.update(HexFormat.of().parseHex(recipientId), new RecipientService.RecipientUpdate(
                    null, null, new RateOverride(100, 10), null), "test");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 2; i++) {
                    payer.request(approvedOffer, payer.invoiceRequest(approvedOffer), true);
                    assertThat(payer.staticInvoice(TIMEOUT)).as("served after approval").isPresent();
                }
                history.sample();
            }

            navigate("audit");
            new Select(browser.driver().findElement(By.id("audit-kind")))
                    .selectByVisibleText("INVOICE_REVOKED");
            browser.driver().findElement(By.id("audit-actor")).sendKeys("test-operator", Keys.ENTER);
            browser.waiting().until(textToBePresentInElementLocated(By.cssSelector("#audit-table tbody"),
                    REASON));
            new Select(browser.driver().findElement(By.id("audit-kind")))
                    .selectByVisibleText("any");
            browser.driver().findElement(By.cssSelector("#audit-filter button")).click();
            browser.waiting().until(textToBePresentInElementLocated(By.cssSelector("#audit-table tbody"),
                    "INVOICE_APPROVED"));
            assertThat(browser.driver().findElement(By.cssSelector("#audit-table tbody")).getText())
                    .contains("INVOICE_REVOKED", "RECIPIENT_REGISTERED");

            open("/console/#invoices/" + revokedId);
            browser.waiting().until(textToBePresentInElementLocated(By.id("invoice-history"),
                    "PENDING → REVOKED by test-operator (" + REASON + ")"));

            navigate("overview");
            browser.waiting().until(d -> !"–".equals(d.findElement(By.id("tile-p99")).getText()));
            browser.screenshot("overview");
            assertThat(browser.consoleErrors()).as("browser console errors (CSP violations, failed loads)").isEmpty();
        }
    }

    @Test
    void aViewerKeySeesTheQueueButIsOfferedNoChange() throws Exception {
        open("/console");
        signIn(TestApiKeys.OPERATOR_KEY);
        String serverPaths = register("viewer check");
        String recipientId = browser.driver().findElement(By.cssSelector("#recipient-fields dd .mono")).getText();
        try (ReferenceRecipient wallet = wallet()) {
            handOver(wallet, BlindedMessagePath.decodeList(Hex.decode(serverPaths)).get(0), 0);
        }
        browser.driver().findElement(By.id("sign-out")).click();
        assertThat(browser.script("return sessionStorage.getItem('sis.console.apiKey')")).isNull();

        signIn(TestApiKeys.VIEWER_KEY);
        navigate("approvals");
        WebElement card = browser.waiting().until(presenceOfElementLocated(
                By.xpath("//ol[@id='approvals-list']/li[.//span[@title='" + recipientId + "']]")));
        assertThat(card.getText()).contains("PENDING");
        assertThat(browser.driver().findElements(By.cssSelector("#approvals-list button"))).isEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("#view-approvals .shortcuts")).isDisplayed()).isFalse();
        navigate("recipients");
        assertThat(browser.driver().findElement(By.id("register-panel")).isDisplayed()).isFalse();
        browser.driver().findElement(By.id("recipient-query")).sendKeys(recipientId, Keys.ENTER);
        browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#recipients-table tbody tr"));
            if (rows.size() != 1 || !rows.get(0).getText().contains("viewer check")) {
                return false;
            }
            rows.get(0).findElement(By.tagName("button")).click();
            return true;
        });
        browser.waiting().until(visibilityOfElementLocated(By.id("recipient-detail")));
        assertThat(browser.driver().findElement(By.id("limits-form")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElement(By.id("revoke-recipient")).isDisplayed()).isFalse();
    }

    @Test
    void everyViewFitsAPhoneScreen() throws Exception {
        browser.resize(390, 844);
        open("/console");
        signIn(TestApiKeys.OPERATOR_KEY);
        for (String view : VIEWS) {
            navigate(view);
            browser.waiting().until(d -> (Boolean) browser.script("return document.querySelector(arguments[0]) !== null",
                    LOADED.get(view)));
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling on " + view).isEqualTo(true);
        }
    }

    @Test
    void theStaticFilesAreOpenUnderAStrictContentSecurityPolicyAndTheApiIsNot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/console/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in with an admin API key").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));
        HttpResponse<String> chart = http.send(HttpRequest.newBuilder(
                URI.create(url("/webjars/chart.js/dist/chart.umd.min.js"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chart.statusCode()).isEqualTo(200);
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/stats/history"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void open(String path) {
        browser.driver().get(url(path));
    }

    private void trySignIn(String key) {
        WebElement input = browser.waiting().until(visibilityOfElementLocated(By.id("api-key")));
        input.clear();
        input.sendKeys(key, Keys.ENTER);
    }

    /** Signs in with a key of {@link TestApiKeys} and waits for the console to name it. */
    private void signIn(String key) {
        trySignIn(key);
        String who = key.equals(TestApiKeys.OPERATOR_KEY) ? "test-operator (OPERATOR)" : "test-viewer (VIEWER)";
        browser.waiting().until(textToBePresentInElementLocated(By.id("who"), who));
    }

    private void navigate(String view) {
        browser.driver().findElement(By.cssSelector("nav a[data-view='" + view + "']")).click();
        browser.waiting().until(visibilityOfElementLocated(By.id("view-" + view)));
        browser.waiting().until(d -> ("#" + view).equals(browser.script("return location.hash")));
    }

    /** Registers a recipient through the form and returns the server paths the page shows. */
    private String register(String label) {
        navigate("recipients");
        browser.driver().findElement(By.cssSelector("#register-panel summary")).click();
        browser.driver().findElement(By.id("register-label")).sendKeys(label);
        browser.driver().findElement(By.cssSelector("#register-form button")).click();
        browser.waiting().until(attributeToBeNotEmpty(browser.driver().findElement(By.id("server-paths")), "value"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("recipient-detail-title"), label));
        browser.waiting().until(invisibilityOfElementLocated(By.cssSelector("#status.error")));
        return browser.driver().findElement(By.id("server-paths")).getAttribute("value");
    }

    private ReferenceRecipient wallet() throws Exception {
        ReferenceRecipient wallet = new ReferenceRecipient(PrivateKey.random());
        wallet.start();
        wallet.connect(gateway.nodeId(), gateway.boundAddress());
        return wallet;
    }

    private Payer payer() throws Exception {
        Payer payer = new Payer(PrivateKey.random(), "bitcoin");
        payer.start();
        payer.connect(gateway.nodeId(), gateway.boundAddress());
        return payer;
    }

    /** The wallet's side of steps 2 and 3 for one slot: offer paths, then its static invoice; returns the offer. */
    private Offer handOver(ReferenceRecipient wallet, BlindedMessagePath serverPath, int slot) throws Exception {
        OfferPathsAnswer answer = wallet.requestOfferPaths(serverPath, slot);
        Offer offer = wallet.offer(answer.offerPaths());
        BlindedMessagePath forwardPath = wallet.forwardPath(gateway.nodeId());
        wallet.serve(wallet.invoice(offer, forwardPath, Instant.now()).bytes(), forwardPath, answer.serveInvoicePath());
        return offer;
    }
}
