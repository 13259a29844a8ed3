package dev.stratagem.runtime.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Keeps the console token in the data folder: generated at first start, readable by its owner only. */
public final class TokenStore {

    /** The token file's name in the data folder. */
    public static final String FILE_NAME = "console.token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenStore() {}

    /**
     * Reads the token, generating it (32 random bytes, base64url) on first start.
     *
     * @param dataDir the data folder
     * @return the token, {@code created} if generated now
     */
    public static ConsoleToken loadOrCreate(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                return new ConsoleToken(read(file), file, false);
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            create(file);
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return new ConsoleToken(token, file, true);
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(dataDir); // another process created it between our check and create
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the console token " + file, e);
        }
    }

    /**
     * Reads the token a console generated, without generating one (for clients such as {@code stratagem plugins}).
     *
     * @param dataDir the data folder
     * @return the token, empty if no console has generated one there
     */
    public static java.util.Optional<String> existing(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console token " + file, e);
        }
    }

    /** Created empty with owner-only permissions, before the secret is written into it. */
    private static void create(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < 16) {
            throw new IllegalStateException("the console token in " + file + " is too short (" + token.length()
                    + " characters); delete the file to generate a new one");
        }
        return token;
    }
}
