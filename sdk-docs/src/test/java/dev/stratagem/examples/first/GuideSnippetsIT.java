package dev.stratagem.examples.first;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guide's code is never pasted by hand: every block marked {@code <!-- include: path#tag -->} must be
 * exactly the tagged region of that compiled (and tested) source file.
 */
class GuideSnippetsIT {

    private static final Pattern INCLUDE = Pattern.compile(
            "<!-- include: (\\S+?)(?:#(\\w+))? -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void every_included_snippet_matches_its_source() throws IOException {
        Path docs = Path.of(System.getProperty("sdk.docs.dir"));
        int checked = 0;
        try (var files = Files.list(docs)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = INCLUDE.matcher(Files.readString(md));
                while (m.find()) {
                    String expected = region(Files.readString(docs.resolve(m.group(1))), m.group(2));
                    assertThat(m.group(3)).as(md.getFileName() + " includes " + m.group(1)).isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).as("snippets checked").isGreaterThanOrEqualTo(2);
    }

    private static String region(String source, String tag) {
        if (tag == null) {
            return source;
        }
        int start = source.indexOf("// tag::" + tag + "[]\n");
        int end = source.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag " + tag).isNotNegative();
        return source.substring(start + ("// tag::" + tag + "[]\n").length(), end);
    }
}
