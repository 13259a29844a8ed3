package dev.stratagem.runtime.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small script folders for tests. */
final class ScriptFolders {

    private ScriptFolders() {}

    static Path write(Path dir, String name, ScriptLanguage language, String source) {
        String file = language == ScriptLanguage.JS ? "main.js" : "main.py";
        try {
            Path folder = Files.createDirectories(dir.resolve(name));
            Files.writeString(folder.resolve("script.yaml"), """
                    id: %s
                    language: %s
                    entry: %s
                    roles: [composer]
                    params: {quantity: 10}
                    """.formatted(name, language.graalId(), file));
            Files.writeString(folder.resolve(file), source);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
