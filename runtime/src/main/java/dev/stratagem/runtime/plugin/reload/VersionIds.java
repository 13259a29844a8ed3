package dev.stratagem.runtime.plugin.reload;

import java.io.Serial;
import java.util.List;
import java.util.function.Predicate;

/**
 * The ids of the versions a rollback can go back to, {@code <version>-<sha12>}, as {@code plugins list},
 * {@code /api/plugins} and {@code /api/scripts} show them (a plugin's stored jars, a script's kept sources),
 * and how a rollback's {@code to} picks one: a listed id; else a version that only one id has; else the start
 * of a SHA-256 that only one id has.
 */
public final class VersionIds {

    private VersionIds() {}

    /**
     * @param version a version as its descriptor or manifest says it (it may contain {@code -})
     * @param sha12 the first 12 hex digits of its SHA-256
     * @return its id
     */
    public static String of(String version, String sha12) {
        return version + "-" + sha12;
    }

    /**
     * @param ids the ids to pick from
     * @param wanted a listed id, a version, or a SHA-256 prefix
     * @param kind what the ids are, for messages ({@code stored}, {@code kept})
     * @param owner whose they are, for messages ({@code plugin 'rules'})
     * @return the index in {@code ids} of the one {@code wanted} names
     * @throws Ambiguous if the version or prefix fits several ids (they are listed)
     * @throws IllegalArgumentException if it fits none (the ids are listed)
     */
    public static int pick(List<String> ids, String wanted, String kind, String owner) {
        for (Predicate<String> fits : List.<Predicate<String>>of(id -> id.equals(wanted),
                id -> version(id).equals(wanted), id -> sha(id).startsWith(wanted))) {
            List<String> fitting = ids.stream().filter(fits).toList();
            if (fitting.size() == 1) {
                return ids.indexOf(fitting.getFirst());
            }
            if (fitting.size() > 1) {
                throw new Ambiguous("'" + wanted + "' fits several " + kind + " versions of " + owner + ": "
                        + fitting + "; give one of these ids");
            }
        }
        throw new IllegalArgumentException("no " + kind + " version '" + wanted + "' of " + owner + "; " + kind
                + ": " + ids);
    }

    private static String version(String id) {
        int dash = id.lastIndexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    private static String sha(String id) {
        return id.substring(id.lastIndexOf('-') + 1);
    }

    /** A rollback's {@code to} that fits several versions: nothing is done, the caller picks one of the ids. */
    public static final class Ambiguous extends IllegalArgumentException {

        @Serial
        private static final long serialVersionUID = 1L;

        Ambiguous(String message) {
            super(message);
        }
    }
}
