package dev.stratagem.runtime.script;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stratagem.runtime.config.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A script folder's {@code script.yaml}: what the script is and how to run it.
 *
 * <pre>{@code
 * id: sma-crossover          # the component id recorded with every cycle
 * language: js               # js | python
 * entry: sma_crossover.js    # the source file, relative to the folder
 * version: "1"               # optional, default "0"
 * roles: [composer]          # composer | features | risk
 * params: {fast: 10, slow: 30, quantity: 100}   # every parameter the script reads, with its default
 * outputs: [sma_fast]        # features role only: the feature names, in order
 * warmup: 30                 # features role only: bars before the features are valid
 * }</pre>
 *
 * @param folder the script folder
 * @param id the component id
 * @param language the language
 * @param entry the source file
 * @param version the version recorded with cycles
 * @param roles the roles the script implements
 * @param params the parameters with their defaults; a strategy may override only these keys
 * @param description free text
 * @param outputs the feature names a features script produces
 * @param warmup the bars a features script needs
 */
public record ScriptManifest(Path folder, String id, ScriptLanguage language, Path entry, String version,
        Set<ScriptRole> roles, Map<String, Object> params, String description, List<String> outputs, int warmup) {

    /** The manifest's file name inside a script folder. */
    public static final String FILE = "script.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("id", "language", "entry", "version", "roles", "params",
            "description", "outputs", "warmup");

    /** Copies the collections. */
    public ScriptManifest {
        roles = Set.copyOf(roles);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        outputs = List.copyOf(outputs);
    }

    /**
     * @param folder a script folder holding {@code script.yaml}
     * @return its manifest
     * @throws ScriptException naming the file and the key that is missing or wrong
     */
    public static ScriptManifest load(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE);
        Map<String, Object> raw;
        try {
            raw = YAML.readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScriptException(file + ": no such file (a script folder needs a " + FILE + ")", e);
        } catch (JsonParseException e) {
            throw new ScriptException(Yaml.syntaxError(file, e), e);
        } catch (IOException e) {
            throw new ScriptException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new ScriptException(file + ": empty manifest");
        }
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ScriptException(file + ": unknown key '" + key + "' (known: " + new TreeSet<>(KEYS) + ")");
            }
        }
        String id = required(raw, "id", file);
        ScriptLanguage language = ScriptLanguage.parse(required(raw, "language", file), file + ": language");
        Path entry = dir.resolve(required(raw, "entry", file)).normalize();
        if (!entry.startsWith(dir) || !Files.isRegularFile(entry)) {
            throw new ScriptException(file + ": entry '" + raw.get("entry") + "' is not a file in " + dir);
        }
        Object version = raw.getOrDefault("version", "0");
        Set<ScriptRole> roles = EnumSet.noneOf(ScriptRole.class);
        for (Object role : list(raw.get("roles"), "roles", file)) {
            roles.add(ScriptRole.parse(String.valueOf(role), file + ": roles"));
        }
        if (roles.isEmpty()) {
            throw new ScriptException(file + ": 'roles' must name at least one of composer, features, risk");
        }
        Object params = raw.getOrDefault("params", Map.of());
        if (!(params instanceof Map<?, ?> map)) {
            throw new ScriptException(file + ": 'params' must be a map of parameter names to defaults");
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        map.forEach((k, v) -> defaults.put(String.valueOf(k), v));
        List<String> outputs = new ArrayList<>();
        for (Object name : list(raw.get("outputs"), "outputs", file)) {
            outputs.add(String.valueOf(name));
        }
        if (roles.contains(ScriptRole.FEATURES) && outputs.isEmpty()) {
            throw new ScriptException(file + ": a features script must list its 'outputs'");
        }
        int warmup = raw.get("warmup") instanceof Number n ? n.intValue() : 0;
        if (raw.containsKey("warmup") && !(raw.get("warmup") instanceof Number) || warmup < 0) {
            throw new ScriptException(file + ": 'warmup' must be a non-negative whole number");
        }
        return new ScriptManifest(dir, id, language, entry, String.valueOf(version), roles, defaults,
                String.valueOf(raw.getOrDefault("description", "")), outputs, warmup);
    }

    /** @return the manifest's path, for messages */
    public Path file() {
        return folder.resolve(FILE);
    }

    /**
     * @param overrides the strategy file's parameters
     * @return the defaults with the overrides applied
     * @throws ScriptException naming a key the manifest does not declare
     */
    public Map<String, Object> merge(Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(params);
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            if (!params.containsKey(e.getKey())) {
                throw new ScriptException("unknown parameter '" + e.getKey() + "' for script " + id + "; known: "
                        + new TreeSet<>(params.keySet()) + " (declare it under params in " + file() + ")");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return merged;
    }

    private static String required(Map<String, Object> raw, String key, Path file) {
        Object v = raw.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new ScriptException(file + ": missing '" + key + "'");
        }
        return v.toString().trim();
    }

    private static List<?> list(Object value, String key, Path file) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new ScriptException(file + ": '" + key + "' must be a list, for example [" + key + "1, " + key + "2]");
    }
}
