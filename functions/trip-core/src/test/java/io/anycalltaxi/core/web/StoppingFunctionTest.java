package io.anycalltaxi.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.testing.EmbeddedMongo;
import io.anycalltaxi.core.testing.TestIdentity;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A function that stops right after answering a request still sends the whole answer. Boot's
 * graceful shutdown counts a request done once the servlet returns; a valve holding the request just
 * after that (where a descheduled thread would be) lets the server stop inside that moment, every time.
 */
class StoppingFunctionTest {

    private static final String HOLD_HEADER = "X-Test-Hold";

    private final HoldAfterServlet hold = new HoldAfterServlet();
    private ConfigurableApplicationContext function;
    private String url;

    @BeforeEach
    void start() {
        function = new SpringApplicationBuilder(StoppingFunction.class)
                .initializers(new EmbeddedMongo.Initializer(), new TestIdentity.Initializer(),
                        context -> context.getBeanFactory().registerSingleton("hold", hold))
                .properties("spring.application.name=stopping", "server.port=0")
                .run();
        url = "http://127.0.0.1:" + ((WebServerApplicationContext) function).getWebServer().getPort();
    }

    @AfterEach
    void stop() {
        hold.release.countDown();
        function.close();
    }

    /** The probe's body goes out in chunks as it is written; the note's stays buffered for the server to send. */
    @ParameterizedTest
    @CsvSource({ "/actuator/health/readiness, '\"status\":\"UP\"'", "/note, a note written as text" })
    void aFunctionStoppingJustAfterItsServletReturnedStillSendsTheWholeAnswer(String path, String body) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                signedIn(path).header(HOLD_HEADER, "yes").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hold.servletReturned.await(30, TimeUnit.SECONDS)).as("the servlet answered").isTrue();

        function.close();

        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(body);
    }

    @Test
    void anErrorLeftForTheServerToRenderIsStillRendered() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(signedIn("/teapot").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).contains("\"status\":418").contains("\"path\":\"/teapot\"");
    }

    private HttpRequest.Builder signedIn(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + TestIdentity.customer("member-1"));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class StoppingFunction {

        @Bean
        TomcatContextCustomizer holdAfterServlet(HoldAfterServlet hold) {
            return context -> context.getPipeline().addValve(hold);
        }

        @Bean
        Answers answers() {
            return new Answers();
        }
    }

    @RestController
    static class Answers {

        /** Leaves its error to the server's error page. */
        @GetMapping("/teapot")
        void brew(HttpServletResponse response) throws IOException {
            response.sendError(418);
        }

        @GetMapping("/note")
        void note(HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("a note written as text");
        }
    }

    /** Holds a request marked for it after its servlet returned, before Tomcat ends the response, until released. */
    static final class HoldAfterServlet extends ValveBase {

        final CountDownLatch servletReturned = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HoldAfterServlet() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getHeader(HOLD_HEADER) == null) {
                return;
            }
            servletReturned.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
