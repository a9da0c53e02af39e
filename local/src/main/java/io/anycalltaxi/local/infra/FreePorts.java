package io.anycalltaxi.local.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports chosen before the servers start, so that every URL can be known up front. They are taken
 * below the kernel's ephemeral range: a port picked there could be given to an outgoing connection
 * (a Kafka or MongoDB client) before its server binds it.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** The port itself, or a free one for 0. */
    public static int orFree(int port) {
        if (port != 0) {
            return port;
        }
        int ephemeralStart = ephemeralStart();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
            if (HANDED_OUT.add(candidate)) {
                if (free(candidate)) {
                    return candidate;
                }
                HANDED_OUT.remove(candidate);
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ephemeralStart);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(LOWEST + 1_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException notLinux) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
