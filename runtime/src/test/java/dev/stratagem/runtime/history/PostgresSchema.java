package dev.stratagem.runtime.history;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;

/**
 * A schema of its own on a real PostgreSQL, for a test: on the database {@code STRATAGEM_PG_URL} names, by default
 * {@code stratagem_test} on 127.0.0.1:5432 (user and password from {@code STRATAGEM_PG_USER} /
 * {@code STRATAGEM_PG_PASSWORD}, default postgres / postgres). {@code ./stratagem test} starts a throwaway server
 * and sets all three (scripts/lib/postgres.sh). {@link #create()} skips the test when nothing listens at the URL's
 * host and port.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final String SERVER = Objects.requireNonNullElse(System.getenv("STRATAGEM_PG_URL"),
            "jdbc:postgresql://127.0.0.1:5432/stratagem_test");
    private static final String USER = Objects.requireNonNullElse(System.getenv("STRATAGEM_PG_USER"), "postgres");
    private static final String PASSWORD =
            Objects.requireNonNullElse(System.getenv("STRATAGEM_PG_PASSWORD"), "postgres");

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /**
     * @return a new, empty schema
     * @throws org.opentest4j.TestAbortedException (the test skips) if no PostgreSQL listens
     */
    public static PostgresSchema create() throws SQLException {
        assumeTrue(listening(), "no PostgreSQL listening for " + SERVER
                + " (./stratagem test starts one, or set STRATAGEM_PG_URL)");
        PostgresSchema schema = new PostgresSchema("history_test_" + UUID.randomUUID().toString().replace("-", ""));
        execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** @return the history store on this schema, migrated */
    public JdbiHistoryStore open() {
        return JdbiHistoryStore.open(SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + name, USER,
                PASSWORD);
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether something accepts connections at {@link #SERVER}'s host and port (PostgreSQL's defaults if absent). */
    private static boolean listening() {
        URI uri = URI.create(SERVER.substring("jdbc:".length()));
        String host = Objects.requireNonNullElse(uri.getHost(), "localhost");
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
