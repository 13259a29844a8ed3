package dev.stratagem.runtime.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The checks a plugin jar must pass before PF4J sees it (the catalog's here; hot reload's {@code JarDescriptor}
 * shares {@link #missingPluginClass}).
 */
public final class JarCheck {

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
            return missingPluginClass(file, manifest);
        } catch (IOException | SecurityException e) {
            return "does not open as a jar (truncated or half-written?): " + e.getMessage();
        }
    }

    /**
     * PF4J creates a plugin's {@code Plugin-Class} when it starts it, and one it cannot load ends as a
     * {@code NullPointerException} at {@code start()}: checked here instead, by name, without loading anything.
     *
     * @param jar an open plugin jar
     * @param manifest its manifest
     * @return why its {@code Plugin-Class} cannot be created (in neither the jar nor the runtime), or {@code null}
     *     if it names none (PF4J's default) or one that is there
     */
    public static String missingPluginClass(JarFile jar, Manifest manifest) {
        String name = manifest.getMainAttributes().getValue("Plugin-Class");
        if (name == null || name.isBlank() || jar.getEntry(name.strip().replace('.', '/') + ".class") != null) {
            return null;
        }
        try {
            Class.forName(name.strip(), false, JarCheck.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "Plugin-Class '" + name.strip() + "' not found in the jar (nor on the runtime's class path)";
        }
    }
}
