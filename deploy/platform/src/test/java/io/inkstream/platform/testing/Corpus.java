package io.inkstream.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A corpus of hostile inputs kept as a text file: one input a line, as {@code <head> TAB <count>
 * TAB <unit> TAB <tail>} (the input is the head, the unit repeated, then the tail; {@code \n},
 * {@code \t} and {@code \\} are escapes), or a plain line taken as it is; {@code #} starts a
 * comment.
 */
public final class Corpus {

    /** One input: the corpus line it came from and the text it builds. */
    public record Input(String line, String text) {
        @Override
        public String toString() {
            return line.replace('\t', ' ');
        }
    }

    private Corpus() {
    }

    /** The pathological Markdown kept beside the renderer's tests, read from any module's tests. */
    public static List<Input> markdown() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("query-side"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from within the repository: no query-side above " + Path.of(""));
        }
        return read(dir.resolve("query-side/src/test/resources/hostile/markdown.txt"));
    }

    /** Every input of the corpus file at this path. */
    public static List<Input> read(Path corpus) {
        try {
            return Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(Corpus::input)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Input input(String line) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 4) {
            return new Input(line, line);
        }
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
