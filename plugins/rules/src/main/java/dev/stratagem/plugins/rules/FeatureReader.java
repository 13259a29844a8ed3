package dev.stratagem.plugins.rules;

import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.RationaleFormat;
import java.util.List;

/**
 * Reads a fixed list of features from vectors. Pipelines emit the same name list every bar, so the
 * indices are looked up once per distinct list instead of by name on every bar.
 */
final class FeatureReader {

    private final List<String> names;
    private List<String> indexedNames;
    private int[] indices;

    FeatureReader(List<String> names) {
        this.names = List.copyOf(names);
    }

    List<String> names() {
        return names;
    }

    /**
     * @param vector the features of one symbol
     * @param out receives the values, in the order of {@link #names()}
     * @return false if any value is NaN (an indicator still warming up)
     * @throws IllegalArgumentException if the vector lacks a feature
     */
    boolean read(FeatureVector vector, double[] out) {
        List<String> vectorNames = vector.names();
        if (vectorNames != indexedNames && !vectorNames.equals(indexedNames)) {
            indices = new int[names.size()];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = vectorNames.indexOf(names.get(i));
                if (indices[i] < 0) {
                    vector.get(names.get(i)); // throws, naming the feature, the symbol and what there is
                }
            }
            indexedNames = vectorNames;
        }
        boolean ready = true;
        for (int i = 0; i < indices.length; i++) {
            out[i] = vector.value(indices[i]);
            ready &= !Double.isNaN(out[i]);
        }
        return ready;
    }

    /** @return {@code name value, ...} for a rationale */
    String describe(double[] values) {
        return describe(new StringBuilder(), values).toString();
    }

    /** Appends {@link #describe(double[])} to {@code sb} and returns it. */
    StringBuilder describe(StringBuilder sb, double[] values) {
        return describe(sb, names, values);
    }

    /** Appends {@code name value, ...} for the names and values, in order, to {@code sb} and returns it. */
    static StringBuilder describe(StringBuilder sb, List<String> names, double... values) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            RationaleFormat.append(sb.append(names.get(i)).append(' '), values[i]);
        }
        return sb;
    }
}
