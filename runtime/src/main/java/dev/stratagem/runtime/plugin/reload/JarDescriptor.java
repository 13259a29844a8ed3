package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.runtime.plugin.JarCheck;
import dev.stratagem.runtime.plugin.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What a dropped jar claims to be, read before anything is loaded: it must open as a zip and carry a PF4J
 * descriptor whose {@code Plugin-Class}, if it names one, is there, and an extension index. The jar is closed
 * again before this returns.
 *
 * @param pluginId the Plugin-Id
 * @param version the Plugin-Version
 * @param sha256 the full SHA-256 of the file
 * @param dependencies the plugin ids of its Plugin-Dependencies (version ranges and the optional mark dropped)
 */
record JarDescriptor(String pluginId, String version, String sha256, List<String> dependencies) {

    JarDescriptor {
        dependencies = List.copyOf(dependencies);
    }

    String shortSha() {
        return sha256.substring(0, Sha256.PREFIX);
    }

    static JarDescriptor read(Path jar) throws RefusedException {
        Manifest manifest;
        boolean indexed;
        String missingClass;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
            var index = file.getEntry("META-INF/extensions.idx");
            indexed = index != null && index.getSize() != 0;
            missingClass = manifest == null ? null : JarCheck.missingPluginClass(file, manifest);
        } catch (IOException | SecurityException e) {
            throw new RefusedException(jar.getFileName() + " does not open as a jar (truncated or still being written?): "
                    + e.getMessage());
        }
        if (manifest == null) {
            throw new RefusedException(jar.getFileName() + " has no META-INF/MANIFEST.MF, so no plugin descriptor");
        }
        Attributes main = manifest.getMainAttributes();
        String id = main.getValue("Plugin-Id");
        String version = main.getValue("Plugin-Version");
        if (id == null || id.isBlank()) {
            throw new RefusedException(jar.getFileName() + ": bad manifest: no Plugin-Id in META-INF/MANIFEST.MF");
        }
        if (version == null || version.isBlank()) {
            throw new RefusedException(jar.getFileName() + ": bad manifest: no Plugin-Version for plugin '" + id + "'");
        }
        if (missingClass != null) {
            throw new RefusedException(jar.getFileName() + ": bad manifest: " + missingClass);
        }
        if (!indexed) {
            throw new RefusedException(jar.getFileName() + ": plugin '" + id + "' " + version
                    + " has no extensions (META-INF/extensions.idx missing or empty: declare PF4J's annotation"
                    + " processor in annotationProcessorPaths)");
        }
        return new JarDescriptor(id.trim(), version.trim(), Sha256.ofFile(jar),
                dependencies(main.getValue("Plugin-Dependencies")));
    }

    /** PF4J's syntax: {@code id[@versionRange][?]}, comma separated. */
    private static List<String> dependencies(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.replaceFirst("@.*$", "").replaceFirst("\\?$", "").trim()).distinct().toList();
    }
}
