package dev.stratagem.runtime.config;

import dev.stratagem.api.Parameters;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy file's reference to a component: a plugin component by id, or a script by folder
 * ({@code composer: {script: scripts/js/sma-crossover}}), with its parameters.
 *
 * @param id the component id, for example {@code sma-crossover}; for a script, the script folder
 * @param params the component's parameters
 * @param script the script folder, absolute or relative to the project, or {@code null} for a plugin component
 */
public record ComponentRef(String id, Map<String, Object> params, String script) {

    /** Validates the id; a missing params block is empty; a script reference is named by its folder. */
    public ComponentRef {
        if (script != null && script.isBlank()) {
            throw new IllegalArgumentException("script must name a script folder");
        }
        id = id == null && script != null ? script : id;
        Objects.requireNonNull(id, "id");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /**
     * A plugin component.
     *
     * @param id the component id
     * @param params its parameters
     */
    public ComponentRef(String id, Map<String, Object> params) {
        this(id, params, null);
    }

    /** @return whether this names a script rather than a plugin component */
    public boolean isScript() {
        return script != null;
    }

    /** @return the parameters as the plugin API type */
    public Parameters parameters() {
        return new Parameters(params);
    }
}
