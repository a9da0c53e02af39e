package io.anycalltaxi.local.identity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;

import io.anycalltaxi.core.security.PeopleTokens;
import io.anycalltaxi.core.security.SigningKeys;

/**
 * Who is who in the local runtime, as a cluster and its Secret would say: the Secret's keys (kept
 * in the data folder), the service-account issuer giving each workload its tokens, the people
 * tokens' issuer with sign-in's key, and the local operator's token.
 */
public final class LocalIdentity implements AutoCloseable {

    /** How long the operator token written at start is good for. */
    private static final Duration OPERATOR_TOKEN_LIFETIME = Duration.ofHours(24);
    /** Projected workload tokens are re-issued this often (they live an hour). */
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(15);

    private final Path home;
    private final LocalSecrets secrets;
    private final WorkloadIssuer workloads;
    private final RSAKey peopleKey;
    private final PeopleTokens people;
    private final Path operatorTokenFile;
    private final String operatorToken;
    private final ScheduledExecutorService renewing = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-identity");
        thread.setDaemon(true);
        return thread;
    });

    private LocalIdentity(Path home, URI controlPlane, URI gateway, String namespace) throws IOException {
        this.home = home;
        this.secrets = LocalSecrets.in(home.resolve("secrets"));
        this.workloads = new WorkloadIssuer(controlPlane + "/identity", namespace);
        this.peopleKey = SigningKeys.fromPem(secrets.get(LocalSecrets.SIGNING_KEY));
        this.people = new PeopleTokens(peopleKey, gateway.toString(), Duration.ofMinutes(15), Clock.systemUTC());
        this.operatorTokenFile = home.resolve("operator.token");
        this.operatorToken = people.operator("operator:local", OPERATOR_TOKEN_LIFETIME).value();
        LocalSecrets.writeOwnerOnly(operatorTokenFile, operatorToken);
    }

    /**
     * @param home         the data folder (secrets, tokens, the operator token)
     * @param controlPlane where the service-account issuer publishes its keys
     * @param gateway      the public address: the people tokens' issuer
     */
    public static LocalIdentity in(Path home, URI controlPlane, URI gateway, String namespace) throws IOException {
        return new LocalIdentity(home, controlPlane, gateway, namespace);
    }

    /** Where a function finds its projected tokens, one file per audience. */
    public Path tokenDir(String function) {
        return home.resolve("tokens").resolve(function);
    }

    /**
     * Projects each function's service-account tokens, as Kubernetes does into a pod, now and again
     * before they expire.
     *
     * @param audiences function -> (file -> audience)
     */
    public void projectTokens(Map<String, Map<String, String>> audiences) {
        Runnable project = () -> audiences.forEach((function, files) ->
                workloads.project(tokenDir(function), workloads.serviceAccount(function), files));
        project.run();
        renewing.scheduleWithFixedDelay(project, TOKEN_REFRESH.toMinutes(), TOKEN_REFRESH.toMinutes(), TimeUnit.MINUTES);
    }

    public LocalSecrets secrets() {
        return secrets;
    }

    public WorkloadIssuer workloads() {
        return workloads;
    }

    public PeopleTokens people() {
        return people;
    }

    /** The public half of people tokens' key, for what checks them outside a function (the console). */
    public RSAKey peopleKey() {
        return peopleKey.toPublicJWK();
    }

    public Path operatorTokenFile() {
        return operatorTokenFile;
    }

    public String operatorToken() {
        return operatorToken;
    }

    @Override
    public void close() {
        renewing.shutdownNow();
    }
}
