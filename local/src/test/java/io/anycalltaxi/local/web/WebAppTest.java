package io.anycalltaxi.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * The web app as people use it, in headless Debian Chromium: the Playwright tests in
 * {@code web/tests} (a customer and a driver completing a trip by clicking, the friend's live
 * page, an operator redriving a dead letter) run against this JVM's stack, served by its gateway.
 * Screenshots of each page are kept in {@code target/web-app/}.
 */
@ExtendWith(SharedStack.class)
class WebAppTest {

    private static final Path ROOT = LocalSettings.findProjectRoot();
    private static final Path OUT = Path.of("target", "web-app").toAbsolutePath();
    private static final Duration LIMIT = Duration.ofMinutes(6);

    @Test
    void theGatewayServesTheAppAtItsRoot() {
        Api.Response page = Api.gateway().get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.raw().body()).contains("<main id=\"app\">");
        assertThat(Api.gateway().get("/no-such-file.js").status()).as("the web app's, not a function's").isEqualTo(404);
        assertThat(Api.gateway().get("/console/dead-letters").status()).as("the console wants an operator").isEqualTo(401);
    }

    @Test
    void peopleUseItInABrowser() throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path log = OUT.resolve("playwright.log");
        ProcessBuilder playwright = new ProcessBuilder("node", "node_modules/@playwright/test/cli.js", "test")
                .directory(ROOT.resolve("web").toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = playwright.environment();
        env.put("ANYCALLTAXI_GATEWAY", SharedStack.stack().gateway().toString());
        env.put("ANYCALLTAXI_SMS", SharedStack.stack().smsRecorder().toString());
        env.put("ANYCALLTAXI_OPERATOR_TOKEN", SharedStack.stack().operatorToken());
        env.put("ANYCALLTAXI_DEAD_LETTER", Console.aDeadLetter("/tests/web-app"));
        env.put("ANYCALLTAXI_WEB_OUT", OUT.toString());
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process run = playwright.start();
        boolean finished = run.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("Playwright finished within %s:%n%s", LIMIT, output).isTrue();
        assertThat(run.exitValue()).as("Playwright's tests (web/tests):%n%s", output).isZero();
        assertThat(output).contains("2 passed");
        for (String page : new String[] { "customer-call", "customer-taxi-coming", "customer-receipt", "driver-offer",
                "driver-today", "friend-live", "operator" }) {
            assertThat(OUT.resolve(page + ".png")).as("a screenshot of " + page).isNotEmptyFile();
        }
    }
}
