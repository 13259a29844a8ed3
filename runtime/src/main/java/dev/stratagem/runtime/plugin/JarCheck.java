package dev.stratagem.runtime.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The checks a plugin jar must pass before PF4J sees it. */
final class JarCheck {

    private JarCheck() {}

    /**
     * @param jar a jar file
     * @return why it cannot be a plugin, or {@code null} if it can be loaded
     */
    static String problem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return "no META-INF/MANIFEST.MF: a plugin jar carries its descriptor (Plugin-Id, Plugin-Version) there";
            }
            String id = manifest.getMainAttributes().getValue("Plugin-Id");
            if (id == null || id.isBlank()) {
                return "the manifest has no Plugin-Id";
            }
            String version = manifest.getMainAttributes().getValue("Plugin-Version");
            if (version == null || version.isBlank()) {
                return "the manifest has no Plugin-Version";
            }
            if (file.getEntry("META-INF/extensions.idx") == null) {
                return "no META-INF/extensions.idx: the plugin provides no extensions (declare PF4J's annotation "
                        + "processor in annotationProcessorPaths: since JDK 23 javac ignores it on the class path)";
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "does not open as a jar (truncated or half-written?): " + e.getMessage();
        }
    }
}
