package io.anycalltaxi.local.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Secret the functions would mount on a cluster, as a folder of files (Spring Boot's
 * configtree): the people tokens' signing key, the share-link key, the SMS provider's secret.
 * Made once per data folder, so tokens and links survive a restart.
 */
public final class LocalSecrets {

    public static final String SIGNING_KEY = "anycalltaxi.tokens.signing-key";
    public static final String SHARE_KEY = "anycalltaxi.share.key";
    public static final String SMS_SECRET = "anycalltaxi.sms.http.secret";
    /** The payment gateway's secret key (the local one's, for functions that run as processes of their own). */
    public static final String CARD_PROCESSOR_SECRET_KEY = "anycalltaxi.card-processor.secret-key";

    private final Path directory;

    private LocalSecrets(Path directory) {
        this.directory = directory;
    }

    public static LocalSecrets in(Path directory) {
        LocalSecrets secrets = new LocalSecrets(directory);
        try {
            Files.createDirectories(directory);
            secrets.createIfMissing(SIGNING_KEY, LocalSecrets::rsaPrivateKeyPem);
            secrets.createIfMissing(SHARE_KEY, () -> random(32));
            secrets.createIfMissing(SMS_SECRET, () -> random(24));
            secrets.createIfMissing(CARD_PROCESSOR_SECRET_KEY, () -> "sk_local_" + random(24));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep secrets in " + directory, e);
        }
        return secrets;
    }

    public Path directory() {
        return directory;
    }

    public String get(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createIfMissing(String name, Supplier<String> value) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            writeOwnerOnly(file, value.get());
        }
    }

    /** Writes a secret that only the owner of the runtime may read (where the file system says who). */
    public static void writeOwnerOnly(Path file, String secret) throws IOException {
        Files.writeString(file, secret, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions here: the data folder's own protection is all there is
        }
    }

    private static String random(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
