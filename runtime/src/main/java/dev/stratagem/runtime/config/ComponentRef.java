package dev.stratagem.runtime.config;

import dev.stratagem.api.Parameters;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy file's reference to a component: its id and its parameters.
 *
 * @param id the component id, for example {@code sma-crossover}
 * @param params the component's parameters
 */
public record ComponentRef(String id, Map<String, Object> params) {

    /** Validates the id; a missing params block is empty. */
    public ComponentRef {
        Objects.requireNonNull(id, "id");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** @return the parameters as the plugin API type */
    public Parameters parameters() {
        return new Parameters(params);
    }
}
