package dev.stratagem.runtime.script;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Engine;

/** Everything needed to build (and rebuild, on reload) one script component from its folder. */
record ScriptRecipe(Path folder, ScriptRole role, Map<String, Object> overrides, List<String> featureNames,
        Engine engine, ScriptSettings settings) {

    ScriptRecipe {
        overrides = Map.copyOf(overrides);
        featureNames = List.copyOf(featureNames);
    }

    /** Reads the manifest and the source as they are now, and builds a version in a fresh context. */
    ScriptProgram build() {
        return build(null, featureNames);
    }

    /**
     * As {@link #build()}, from the given source instead of the entry file if it is not null (a rollback),
     * resolving {@code api.feature} against {@code names} (the pipeline's now).
     */
    ScriptProgram build(byte[] source, List<String> names) {
        ScriptManifest manifest = ScriptManifest.load(folder);
        return ScriptProgram.build(manifest, role, manifest.merge(overrides), names, null, engine, settings, source);
    }
}
