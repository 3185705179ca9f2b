package io.inkstream.query.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The corpus of pathological Markdown in {@code hostile/markdown.txt}, each input built out. */
public final class HostileMarkdown {

    /** One input: the corpus line it came from and the text it builds. */
    public record Input(String line, String text) {
        @Override
        public String toString() {
            return line.replace('\t', ' ');
        }
    }

    private HostileMarkdown() {
    }

    /** Every input of the corpus file at this path. */
    public static List<Input> read(Path corpus) {
        try {
            return Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(HostileMarkdown::input)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus of this module, read from the module's own directory. */
    public static List<Input> corpus() {
        return read(Path.of("src/test/resources/hostile/markdown.txt"));
    }

    private static Input input(String line) {
        String[] columns = line.split("\t", -1);
        String text = unescape(columns[0]) + unescape(columns[2]).repeat(Integer.parseInt(columns[1]))
                + unescape(columns[3]);
        return new Input(line, text);
    }

    private static String unescape(String column) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c == '\\' && i + 1 < column.length()) {
                char next = column.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
