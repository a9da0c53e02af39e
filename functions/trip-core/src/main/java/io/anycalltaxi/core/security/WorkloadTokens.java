package io.anycalltaxi.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This function's own identity when it calls another workload: projected service-account tokens,
 * one file per audience in a folder (Kubernetes rotates them in place; the local runtime writes
 * them). Read again whenever the file changes.
 */
public class WorkloadTokens {

    /** The file holding a token for the broker's audience. */
    public static final String BROKER = "broker";
    /** The file holding a token for payment's audience. */
    public static final String PAYMENT = "payment";

    private final Path directory;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public WorkloadTokens(Path directory) {
        this.directory = directory;
    }

    /** The current token for that audience's file, if this function was given one. */
    public Optional<String> forAudience(String file) {
        Path path = directory.resolve(file);
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            Cached cached = cache.get(file);
            if (cached == null || !cached.modified().equals(modified)) {
                cached = new Cached(modified, Files.readString(path, StandardCharsets.US_ASCII).strip());
                cache.put(file, cached);
            }
            return Optional.of(cached.token());
        } catch (IOException none) {
            return Optional.empty();
        }
    }

    private record Cached(FileTime modified, String token) {
    }
}
