package io.anycalltaxi.local.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.anycalltaxi.local.LocalSettings;

/**
 * The documents in {@code docs/contracts}: each is generated from the code and the manifests, and
 * a test fails when the committed one differs. {@code -Danycalltaxi.contracts.write=true} writes
 * them instead, for a change that means to change a contract (the diff then shows how).
 */
final class Contracts {

    static final Path DIRECTORY = LocalSettings.findProjectRoot().resolve("docs/contracts");
    private static final boolean WRITE = Boolean.getBoolean("anycalltaxi.contracts.write");

    private Contracts() {
    }

    /** The committed document at {@code path} (under docs/contracts) is {@code generated}. */
    static void matches(String path, String generated) {
        Path file = DIRECTORY.resolve(path);
        try {
            if (WRITE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated, StandardCharsets.UTF_8);
                return;
            }
            assertThat(Files.exists(file)).as("docs/contracts/%s is committed (write it with -Danycalltaxi.contracts.write=true)",
                    path).isTrue();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("docs/contracts/%s as generated from the code (-Danycalltaxi.contracts.write=true rewrites it)", path)
                    .isEqualTo(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
