package dev.stratagem.runtime.history;

import java.nio.charset.StandardCharsets;
import org.h2.value.ValueJson;

/** The little that differs between the databases the history runs on: how a JSON value is declared and bound. */
enum SqlDialect {
    H2("JSON", "BLOB") {
        @Override
        String jsonParameter() {
            return "? FORMAT JSON";
        }

        @Override
        String jsonBatchParameter() {
            return "?";
        }

        // Jackson's output is valid JSON already: H2 would parse and re-encode every number of it again
        // (BigDecimal by BigDecimal) to normalise text that the readers parse anyway.
        @Override
        Object jsonArgument(byte[] utf8) {
            return ValueJson.getInternal(utf8);
        }
    },
    POSTGRESQL("JSONB", "BYTEA") {
        @Override
        String jsonParameter() {
            return "CAST(? AS JSONB)";
        }

        @Override
        String jsonBatchParameter() {
            return jsonParameter();
        }

        @Override
        Object jsonArgument(byte[] utf8) {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    };

    private final String jsonType;
    private final String bytesType;

    SqlDialect(String jsonType, String bytesType) {
        this.jsonType = jsonType;
        this.bytesType = bytesType;
    }

    /** @return the column type the {@code ${bytes}} migration placeholder expands to */
    String bytesType() {
        return bytesType;
    }

    /** @return the column type the {@code ${json}} migration placeholder expands to */
    String jsonType() {
        return jsonType;
    }

    /** @return the SQL for a positional parameter bound to JSON text */
    abstract String jsonParameter();

    /** @return the SQL for a positional parameter set (with {@code setObject}) to {@link #jsonArgument} */
    abstract String jsonBatchParameter();

    /**
     * @param utf8 valid JSON text, as UTF-8 (Jackson's output)
     * @return the JDBC argument that stores it in a JSON column of {@link #jsonBatchParameter()}
     */
    abstract Object jsonArgument(byte[] utf8);

    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "history database URL '" + jdbcUrl + "' is neither jdbc:h2: nor jdbc:postgresql:");
    }
}
