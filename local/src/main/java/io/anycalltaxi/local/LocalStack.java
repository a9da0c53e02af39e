package io.anycalltaxi.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.anycalltaxi.core.config.FunctionDefaults;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.security.PeopleTokens;
import io.anycalltaxi.core.security.WorkloadTokens;
import io.anycalltaxi.local.card.CardGatewayApplication;
import io.anycalltaxi.local.card.LocalCardProcessor;
import io.anycalltaxi.local.control.ConsoleController;
import io.anycalltaxi.local.control.ConsoleGuard;
import io.anycalltaxi.local.control.ControlPlaneApplication;
import io.anycalltaxi.local.eventing.Destinations;
import io.anycalltaxi.local.eventing.EventingManifests;
import io.anycalltaxi.local.eventing.LocalBroker;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.functions.LocalFunctions;
import io.anycalltaxi.local.gateway.GatewayRoutes;
import io.anycalltaxi.local.gateway.LocalGatewayApplication;
import io.anycalltaxi.local.gateway.LocalWebApplication;
import io.anycalltaxi.local.identity.LocalIdentity;
import io.anycalltaxi.local.identity.LocalSecrets;
import io.anycalltaxi.local.identity.WorkloadIssuer;
import io.anycalltaxi.local.infra.EmbeddedKafka;
import io.anycalltaxi.local.infra.EmbeddedMongo;
import io.anycalltaxi.local.infra.QueryShapes;
import io.anycalltaxi.local.infra.FreePorts;
import io.anycalltaxi.local.infra.LeanTomcat;
import io.anycalltaxi.local.sms.SmsRecorderApplication;
import io.anycalltaxi.local.tracing.LocalTraces;
import io.fabric8.knative.sources.v1.SinkBinding;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Everything on one machine: MongoDB (embedded unless MONGODB_URI), Kafka (embedded unless
 * KAFKA_BOOTSTRAP_SERVERS), the broker driven by {@code eventing/}, every function on its own port
 * with the environment Knative would give it, and the gateway driven by {@code gateway/}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final int STARTING_IN_PARALLEL = 3;
    private static final String NO_FUNCTION_ROUTES = "spring.cloud.gateway.function.enabled=false";
    /** As the functions: each request on a virtual thread of its own, not on a pool of platform threads per server. */
    private static final String VIRTUAL_THREADS = "spring.threads.virtual.enabled=true";
    /**
     * All applications here share one logging system: the application name would be whichever
     * started last, so it is left out (the logger names the function); Kafka's chatter is muted.
     */
    private static final List<String> SHARED_LOGGING = List.of("--logging.include-application-name=false",
            // the call and the trace of every line (one configuration for the whole JVM: the functions' own
            // correlation pattern is not applied here)
            "--logging.pattern.level=%5p [callId=%X{callId:-} traceId=%X{traceId:-}]",
            "--logging.level.org.apache.kafka=WARN", "--logging.level.kafka=WARN",
            "--logging.level.state.change.logger=WARN", "--logging.level.org.apache.zookeeper=WARN",
            // the embedded MongoDB server ignores non-unique secondary indexes, and says so for each
            "--logging.level.de.bwaldvogel.mongo.backend=ERROR");

    /** The share of requests traced: every one, when traces are switched on locally. */
    public static final String SAMPLING = "management.tracing.sampling.probability";

    /** Local stand-ins for the SMS provider's account and sender. */
    private static final String SMS_ACCOUNT = "anycalltaxi-local";
    private static final String SMS_SENDER = "+8215880000";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, FunctionHost> functions = new LinkedHashMap<>();
    private final LocalTraces traces = new LocalTraces();
    private String mongoUri;
    private QueryShapes queryShapes;
    private String kafka;
    private URI controlPlane;
    private URI gateway;
    private URI smsRecorder;
    private URI cardGateway;
    private LocalBroker broker;
    private Path scratch;
    private Path home;
    private LocalIdentity identity;
    private EventingManifests manifests;

    private LocalStack() {
    }

    public static LocalStack start(LocalSettings settings) throws Exception {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(settings);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startAll(LocalSettings settings) throws Exception {
        long begin = System.nanoTime();
        String host = settings.host();
        home = settings.dataDir() != null ? settings.dataDir() : Files.createTempDirectory("anycalltaxi-local");
        if (settings.dataDir() == null) {
            scratch = home;
        }
        startMongo(settings);
        startKafka(settings);

        controlPlane = URI.create("http://" + host + ":" + FreePorts.orFree(settings.controlPlanePort()));
        gateway = URI.create("http://" + host + ":" + FreePorts.orFree(settings.gatewayPort()));
        smsRecorder = URI.create("http://" + host + ":" + FreePorts.orFree(settings.smsRecorderPort()));
        cardGateway = URI.create("http://" + host + ":" + FreePorts.orFree(settings.cardGatewayPort()));
        identity = LocalIdentity.in(home, controlPlane, gateway, LocalSettings.NAMESPACE);
        started.add(identity);
        WorkloadIssuer workloads = identity.workloads();
        Map<String, URI> functionUrls = new LinkedHashMap<>();
        LocalFunctions.applications().keySet().forEach(name -> functionUrls.put(name,
                URI.create("http://" + host + ":" + FreePorts.orFree(settings.functionPorts().getOrDefault(name, 0)))));
        manifests = settings.moreEventing().stream().map(EventingManifests::load)
                .reduce(EventingManifests.load(settings.eventing()), EventingManifests::and);
        Map<String, URI> services = new LinkedHashMap<>(functionUrls);
        services.putAll(settings.externalServices());
        Destinations destinations = new Destinations(services, controlPlane, LocalSettings.NAMESPACE);

        broker = LocalBroker.start(manifests, kafka, destinations, Clock.systemUTC(), workloads);
        started.add(broker);

        LocalFunctions.applications().forEach((name, application) -> functions.put(name, new FunctionHost(name,
                application, functionUrls.get(name).getPort(), environment(name, settings, destinations,
                        functionUrls), ownProcess(name, settings), traces)));
        identity.projectTokens(tokenAudiences());
        started.add(context(new SpringApplicationBuilder(ControlPlaneApplication.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("localBroker", broker);
                    context.getBeanFactory().registerSingleton("workloadIssuer", workloads);
                    context.getBeanFactory().registerSingleton("consoleGuard",
                            new FilterRegistrationBean<>(new ConsoleGuard(identity.peopleKey(), gateway.toString(),
                                    origin(gateway))));
                    context.getBeanFactory().registerSingleton("hosted",
                            new ConsoleController.Hosted(functions, smsRecorder, traces));
                }), "control-plane", controlPlane.getPort()));
        started.add(context(new SpringApplicationBuilder(SmsRecorderApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("account",
                        new SmsRecorderApplication.Account(SMS_ACCOUNT, identity.secrets().get(LocalSecrets.SMS_SECRET)))),
                "sms-recorder", smsRecorder.getPort()));
        startCardGateway();
        // Logging is configured once, by the first application; the functions starting in parallel
        // would otherwise re-initialise the one shared logback concurrently and break its patterns.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);

        startFunctions();
        broker.deliver(settings.schedulePings());

        Map<String, URI> backends = new LinkedHashMap<>(functionUrls);
        URI webApp = URI.create("http://" + host + ":" + FreePorts.orFree(0));
        started.add(context(new SpringApplicationBuilder(LocalWebApplication.class)
                .properties("spring.web.resources.static-locations=" + LocalWebApplication.FILES + ","
                        + LocalWebApplication.LOCAL_FILES), "web", webApp.getPort()));
        backends.put("web", webApp);
        LocalGatewayApplication.Backends routes = new LocalGatewayApplication.Backends(
                GatewayRoutes.load(settings.httpRoute()), backends, controlPlane);
        started.add(context(new SpringApplicationBuilder(LocalGatewayApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("backends", routes)),
                "gateway", gateway.getPort()));
        log.info("local stack up in {} ms", (System.nanoTime() - begin) / 1_000_000);
    }

    private void startMongo(LocalSettings settings) {
        if (settings.mongoUri() != null) {
            mongoUri = settings.mongoUri();
            return;
        }
        EmbeddedMongo mongo = EmbeddedMongo.start(settings.dataDir() == null ? null : settings.dataDir().resolve("mongo"),
                settings.durableMongoWrites(), settings.host(), settings.mongoPort());
        started.add(mongo);
        mongoUri = mongo.uri();
        queryShapes = mongo.queries();
    }

    /** The payment gateway's API, for functions started as processes of their own (in this JVM they get the processor itself). */
    private void startCardGateway() {
        MongoClient client = MongoClients.create(mongoUri);
        started.add(client::close);
        String database = Objects.requireNonNullElse(new ConnectionString(mongoUri).getDatabase(), "anycalltaxi");
        LocalCardProcessor processor = new LocalCardProcessor(new MongoTemplate(client, database));
        started.add(context(new SpringApplicationBuilder(CardGatewayApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("account",
                        new CardGatewayApplication.Account(processor,
                                identity.secrets().get(LocalSecrets.CARD_PROCESSOR_SECRET_KEY)))),
                "card-gateway", cardGateway.getPort()));
    }

    private FunctionHost.OwnProcess ownProcess(String function, LocalSettings settings) {
        List<String> command = settings.ownProcesses().get(function);
        return command == null ? null : new FunctionHost.OwnProcess(command, home.resolve("logs").resolve(function + ".log"));
    }

    private void startKafka(LocalSettings settings) throws Exception {
        if (settings.kafkaBootstrapServers() != null) {
            kafka = settings.kafkaBootstrapServers();
            return;
        }
        EmbeddedKafka embedded = EmbeddedKafka.start(home.resolve("kafka"), settings.host(), FreePorts.orFree(settings.kafkaPort()),
                FreePorts.orFree(settings.kafkaControllerPort()));
        started.add(embedded);
        kafka = embedded.bootstrapServers();
    }

    /**
     * What Knative gives a function: its port, its SinkBinding's K_SINK, its service account's
     * tokens; and what the deployment gives it: MongoDB, the Secret, the issuers to trust, the
     * SMS provider.
     */
    private List<String> environment(String function, LocalSettings settings,
            Destinations destinations, Map<String, URI> functionUrls) {
        List<String> env = new ArrayList<>();
        env.add("--MONGODB_URI=" + mongoUri);
        if (settings.mongoUri() == null) {
            env.add("--anycalltaxi.fleet.nearby-query=BOX"); // the embedded server has no geospatial queries
        }
        env.add("--ANYCALLTAXI_SECRETS_DIR=" + identity.secrets().directory());
        env.add("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + gateway);
        env.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + functionUrls.get("sign-in")
                + "/.well-known/jwks.json");
        env.add("--anycalltaxi.identity.issuer=" + identity.workloads().issuer());
        env.add("--anycalltaxi.identity.jwk-set-uri=" + identity.workloads().jwkSetUri());
        env.add("--anycalltaxi.identity.namespace=" + LocalSettings.NAMESPACE);
        env.add("--anycalltaxi.identity.token-dir=" + identity.tokenDir(function));
        env.add("--anycalltaxi.sms.http.url=" + smsRecorder);
        env.add("--anycalltaxi.sms.http.account=" + SMS_ACCOUNT);
        env.add("--anycalltaxi.sms.http.sender=" + SMS_SENDER);
        env.add("--anycalltaxi.card-processor.url=" + cardGateway);
        env.add("--anycalltaxi.notify.trip-link-base=" + gateway);
        for (SinkBinding binding : manifests.sinkBindings()) {
            if (binding.getSpec().getSubject().getName().equals(function)) {
                env.add("--K_SINK=" + destinations.resolve(binding.getSpec().getSink()));
                if (binding.getSpec().getCeOverrides() != null) {
                    env.add("--K_CE_OVERRIDES=" + new String(EventJson.toBytes(binding.getSpec().getCeOverrides())));
                }
            }
        }
        functionUrls.forEach((name, url) -> env.add("--anycalltaxi.services." + name + ".url=" + url));
        // The gateway's library shares this classpath; inside a function it would route requests to
        // Spring Cloud Function beans by path, ahead of the function's own endpoints.
        env.add("--spring.cloud.gateway.server.webmvc.enabled=false");
        env.add("--" + NO_FUNCTION_ROUTES);
        env.add("--springdoc.api-docs.enabled=true"); // each function's part of the API's document (ApiContractTest)
        env.addAll(SHARED_LOGGING);
        if (settings.functionArgs().stream().noneMatch(arg -> arg.startsWith("--" + SAMPLING + "="))) {
            // traces locally only when switched on (LocalRuntime's traces=on); off, not even a
            // client's sampled traceparent makes spans
            env.add("--management.tracing.enabled=false");
        }
        env.addAll(settings.functionArgs());
        return env;
    }

    /**
     * The audiences each function's service account gets tokens for, as its Service projects them:
     * the broker where a SinkBinding lets it publish, payment where it charges (end-trip-pay).
     */
    private Map<String, Map<String, String>> tokenAudiences() {
        String brokerAudience = identity.workloads().audienceOf("eventing.knative.dev", "Broker",
                manifests.brokers().get(0).getMetadata().getName());
        Map<String, Map<String, String>> byFunction = new LinkedHashMap<>();
        for (String function : functions.keySet()) {
            Map<String, String> audiences = new LinkedHashMap<>();
            if (manifests.sinkBindings().stream().anyMatch(b -> b.getSpec().getSubject().getName().equals(function))) {
                audiences.put(WorkloadTokens.BROKER, brokerAudience);
            }
            if (function.equals("end-trip-pay")) {
                audiences.put(WorkloadTokens.PAYMENT, "payment");
            }
            byFunction.put(function, audiences);
        }
        return byFunction;
    }

    private void startFunctions() throws Exception {
        functions.values().forEach(function -> started.add(function::stop));
        ExecutorService starting = Executors.newFixedThreadPool(STARTING_IN_PARALLEL);
        try {
            List<Future<?>> all = new ArrayList<>();
            functions.values().forEach(function -> all.add(starting.submit(function::start)));
            for (Future<?> future : all) {
                future.get();
            }
        } finally {
            starting.shutdown();
        }
    }

    private static AutoCloseable context(SpringApplicationBuilder builder, String name, int port) {
        List<String> args = new ArrayList<>(SHARED_LOGGING);
        args.add("--server.port=" + port);
        ConfigurableApplicationContext context = builder.initializers(LeanTomcat.initializer())
                .properties("spring.application.name=" + name, "spring.main.banner-mode=off",
                        FunctionDefaults.ENABLED + "=false", NO_FUNCTION_ROUTES, VIRTUAL_THREADS,
                        // the runtime's own parts pass a request's trace context on untouched, as
                        // a cluster's gateway and broker do; spans are the functions'
                        "management.tracing.enabled=false")
                .run(args.toArray(String[]::new));
        return context::close;
    }

    /** The spans of the functions in this JVM, when traces are on. */
    public LocalTraces traces() {
        return traces;
    }

    public URI gateway() {
        return gateway;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    /** The PingSources' names, as {@code eventing/} declares them. */
    public List<String> pingSources() {
        return manifests.pingSources().stream().map(source -> source.getMetadata().getName()).toList();
    }

    public URI controlPlane() {
        return controlPlane;
    }

    /** Where the stand-in SMS provider lists the texts sent. */
    public URI smsRecorder() {
        return smsRecorder;
    }

    /**
     * What this stack gives a function, as the environment variables a container is given: a
     * function started as its own process (as its image starts it) with these works beside the
     * stack as that function would (its port excepted: {@code PORT}).
     */
    public Map<String, String> functionEnvironment(String function) {
        return FunctionHost.asEnvironment(function(function).arguments());
    }

    public Path operatorTokenFile() {
        return identity.operatorTokenFile();
    }

    /** The token in {@link #operatorTokenFile()}. */
    public String operatorToken() {
        return identity.operatorToken();
    }

    /** The local service-account issuer (the cluster's, on Kubernetes). */
    public WorkloadIssuer workloads() {
        return identity.workloads();
    }

    /** The people tokens' issuer, with the key sign-in signs with. */
    public PeopleTokens people() {
        return identity.people();
    }

    /** Where drivers' apps and sources send events: the broker's ingress. */
    public URI brokerIngress(String brokerName) {
        return controlPlane.resolve("/" + LocalSettings.NAMESPACE + "/" + brokerName);
    }

    public String mongoUri() {
        return mongoUri;
    }

    /** The shapes of the queries the embedded MongoDB served since then; empty when the stack uses another MongoDB. */
    public Set<QueryShapes.Shape> queryShapesSince(Instant since) {
        return queryShapes == null ? Set.of() : queryShapes.servedSince(since);
    }

    public String kafkaBootstrapServers() {
        return kafka;
    }

    public Map<String, FunctionHost> functions() {
        return functions;
    }

    public FunctionHost function(String name) {
        FunctionHost function = functions.get(name);
        if (function == null) {
            throw new IllegalArgumentException("no function " + name);
        }
        return function;
    }

    public LocalBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        started.clear();
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }
}
