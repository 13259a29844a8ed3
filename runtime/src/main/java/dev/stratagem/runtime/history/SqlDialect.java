package dev.stratagem.runtime.history;

/** The little that differs between the databases the history runs on: how a JSON value is declared and bound. */
enum SqlDialect {
    H2("JSON") {
        @Override
        String jsonParameter() {
            return "? FORMAT JSON";
        }
    },
    POSTGRESQL("JSONB") {
        @Override
        String jsonParameter() {
            return "CAST(? AS JSONB)";
        }
    };

    private final String jsonType;

    SqlDialect(String jsonType) {
        this.jsonType = jsonType;
    }

    /** @return the column type the {@code ${json}} migration placeholder expands to */
    String jsonType() {
        return jsonType;
    }

    /** @return the SQL for a positional parameter bound to JSON text */
    abstract String jsonParameter();

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
