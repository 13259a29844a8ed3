package dev.stratagem.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Resolved settings, built in layers, each overriding the one before: built-in defaults, the mode (run)
 * file, the strategy file (per-strategy keys only), the environment ({@code STRATAGEM_<KEY>}), command-line
 * flags ({@code --set key=value}). Every value remembers where it came from. Unknown keys and bad values
 * are {@link ConfigException}s that name the key and the file (or variable, or flag); a secret is accepted
 * only from the environment.
 */
public final class Settings {

    private final Map<String, Object> values;
    private final Map<String, String> sources;

    private Settings(Map<String, Object> values, Map<String, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /** @return the built-in defaults */
    public static Settings defaults() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> s = new LinkedHashMap<>();
        for (SettingKey k : SettingKeys.all()) {
            if (!k.secret()) {
                v.put(k.name(), k.parse(k.defaultValue()));
            }
            s.put(k.name(), "default");
        }
        return new Settings(v, s);
    }

    /**
     * @param source the file, for messages
     * @param tree the file's {@code settings:} block: nested maps or dotted keys
     * @param strategyFile whether it is a strategy file (only per-strategy keys allowed)
     * @return these settings with the file's values on top
     */
    public Settings withFile(String source, Map<String, Object> tree, boolean strategyFile) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree == null ? Map.of() : tree, flat);
        Settings next = copy();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            SettingKey key = known(e.getKey(), source + ": settings");
            if (key.secret()) {
                throw new ConfigException(source + ": '" + key.name() + "' is a secret: set it in the environment ("
                        + key.envName() + "), never in a file", null);
            }
            if (strategyFile && !key.perStrategy()) {
                throw new ConfigException(source + ": '" + key.name() + "' applies to the whole runtime; set it in the"
                        + " run file, not in a strategy file", null);
            }
            next.put(key, e.getValue(), source);
        }
        return next;
    }

    /**
     * @param env the environment
     * @return these settings with every {@code STRATAGEM_<KEY>} variable on top
     */
    public Settings withEnvironment(Map<String, String> env) {
        Settings next = copy();
        for (SettingKey key : SettingKeys.all()) {
            String raw = env.get(key.envName());
            if (raw != null) {
                next.put(key, raw, "environment variable " + key.envName());
            }
        }
        return next;
    }

    /**
     * @param flags {@code key=value} pairs from {@code --set}
     * @return these settings with the flags on top
     */
    public Settings withFlags(Map<String, String> flags) {
        Settings next = copy();
        for (Map.Entry<String, String> e : flags.entrySet()) {
            SettingKey key = known(e.getKey(), "command line (--set)");
            if (key.secret()) {
                throw new ConfigException("command line (--set): '" + key.name() + "' is a secret: set it in the"
                        + " environment (" + key.envName() + ")", null);
            }
            next.put(key, e.getValue(), "command line (--set " + key.name() + ")");
        }
        return next;
    }

    /** @return a number setting ({@code none} reads as +Infinity) */
    public double number(String name) {
        return ((Number) value(name)).doubleValue();
    }

    /** @return a whole-number setting */
    public int count(String name) {
        return (Integer) value(name);
    }

    /** @return a flag */
    public boolean flag(String name) {
        return (Boolean) value(name);
    }

    /** @return a text or choice setting; a secret that is unset is empty */
    public String text(String name) {
        Object v = values.get(Objects.requireNonNull(SettingKeys.get(name), name).name());
        return v == null ? "" : v.toString();
    }

    /** @return where the value of a key came from */
    public String source(String name) {
        return sources.get(name);
    }

    private Object value(String name) {
        if (SettingKeys.get(name) == null) {
            throw new IllegalArgumentException("no setting '" + name + "'");
        }
        return values.get(name);
    }

    private void put(SettingKey key, Object raw, String source) {
        try {
            values.put(key.name(), key.parse(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": bad value for '" + key.name() + "': " + e.getMessage(), e);
        }
        sources.put(key.name(), source);
    }

    private static SettingKey known(String name, String source) {
        SettingKey key = SettingKeys.get(name);
        if (key == null) {
            TreeSet<String> names = new TreeSet<>();
            SettingKeys.all().forEach(k -> names.add(k.name()));
            throw new ConfigException(source + ": unknown key '" + name + "' (known: " + names + ")", null);
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<?, ?> tree, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : tree.entrySet()) {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(name + ".", m, out);
            } else {
                out.put(name, e.getValue());
            }
        }
    }

    private Settings copy() {
        return new Settings(new LinkedHashMap<>(values), new LinkedHashMap<>(sources));
    }
}
