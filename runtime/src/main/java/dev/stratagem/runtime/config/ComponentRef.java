package dev.stratagem.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
        params = params == null ? Map.of() : params;
        for (Map.Entry<String, Object> p : params.entrySet()) {   // a YAML "key: null" (or "key:")
            if (p.getValue() == null) {
                throw new IllegalArgumentException("parameter '" + p.getKey() + "' has no value; give one, or leave"
                        + " the key out");
            }
        }
        params = Map.copyOf(params);
    }

    /**
     * A reference as a strategy file writes it: a plugin component's {@code id} or a {@code script} folder, not both
     * (a file with both would leave it unclear which one runs).
     *
     * @param id the component id, or {@code null} for a script
     * @param params the parameters, or {@code null} for none
     * @param script the script folder, or {@code null} for a plugin component
     * @return the reference
     * @throws IllegalArgumentException if both or neither are given
     */
    @JsonCreator
    static ComponentRef fromFile(@JsonProperty("id") String id, @JsonProperty("params") Map<String, Object> params,
            @JsonProperty("script") String script) {
        if (id != null && script != null) {
            throw new IllegalArgumentException("give either id (a plugin component, here '" + id
                    + "') or script (a script folder, here '" + script + "'), not both");
        }
        if (id == null && script == null) {
            throw new IllegalArgumentException("needs id (a plugin component, for example id: sma-crossover) or script "
                    + "(a script folder, for example script: scripts/js/sma-crossover)");
        }
        return new ComponentRef(id, params, script);
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
