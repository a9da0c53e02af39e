package io.anycalltaxi.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local runtime puts things. Port 0 means "any free port" (tests); a null data folder
 * means in-memory MongoDB and a throw-away Kafka log.
 *
 * @param smsRecorderPort       where the stand-in SMS provider lists what was texted
 * @param cardGatewayPort       where the stand-in payment gateway takes the functions' HTTP adapter's requests
 * @param mongoUri              a real MongoDB instead of the embedded one (MONGODB_URI), or null
 * @param kafkaBootstrapServers a real Kafka instead of the embedded one (KAFKA_BOOTSTRAP_SERVERS), or null
 * @param schedulePings         run the PingSources on their schedule (tests fire them by hand)
 * @param functionArgs          extra settings given to every function, as {@code --key=value}
 * @param moreEventing          more eventing folders (each with a kustomization) applied beside {@code eventing/}
 * @param externalServices      Knative Services not hosted here, by name: where Triggers may deliver to them
 * @param ownProcesses          functions run as processes of their own rather than in this JVM, by name: the
 *                              command that starts one (given its settings as environment variables)
 */
public record LocalSettings(
        Path projectRoot,
        Path dataDir,
        boolean durableMongoWrites,
        String mongoUri,
        String kafkaBootstrapServers,
        String host,
        int gatewayPort,
        int controlPlanePort,
        int mongoPort,
        int kafkaPort,
        int kafkaControllerPort,
        int smsRecorderPort,
        int cardGatewayPort,
        Map<String, Integer> functionPorts,
        boolean schedulePings,
        List<String> functionArgs,
        List<Path> moreEventing,
        Map<String, URI> externalServices,
        Map<String, List<String>> ownProcesses) {

    public static final String NAMESPACE = "anycalltaxi";

    public LocalSettings {
        functionPorts = Map.copyOf(functionPorts);
        functionArgs = List.copyOf(functionArgs);
        moreEventing = List.copyOf(moreEventing);
        externalServices = Map.copyOf(externalServices);
        ownProcesses = Map.copyOf(ownProcesses);
    }

    /** For tests: everything in memory, on free ports, pings fired by hand. */
    public static LocalSettings forTests(List<String> functionArgs, List<Path> moreEventing,
            Map<String, URI> externalServices) {
        return new LocalSettings(findProjectRoot(), null, false, null, null, "127.0.0.1", 0, 0, 0, 0, 0, 0, 0, Map.of(), false,
                functionArgs, moreEventing, externalServices, Map.of());
    }

    /** These functions started as their images start them ({@code bin/function NAME}), the others in this JVM. */
    public LocalSettings asImages(Collection<String> functions, String... launchOptions) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (String function : functions) {
            List<String> command = new ArrayList<>(List.of(projectRoot.resolve("bin/function").toString()));
            command.addAll(List.of(launchOptions));
            command.add(function);
            commands.put(function, command);
        }
        return new LocalSettings(projectRoot, dataDir, durableMongoWrites, mongoUri, kafkaBootstrapServers, host,
                gatewayPort, controlPlanePort, mongoPort, kafkaPort, kafkaControllerPort, smsRecorderPort, cardGatewayPort, functionPorts,
                schedulePings, functionArgs, moreEventing, externalServices, commands);
    }

    /** The folder holding {@code eventing/} and {@code gateway/}: here or a parent of it. */
    public static Path findProjectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("eventing/kustomization.yaml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the project root (a folder with eventing/kustomization.yaml) "
                + "from " + Path.of("").toAbsolutePath());
    }

    public Path eventing() {
        return projectRoot.resolve("eventing");
    }

    public Path httpRoute() {
        return projectRoot.resolve("gateway/httproute.yaml");
    }
}
