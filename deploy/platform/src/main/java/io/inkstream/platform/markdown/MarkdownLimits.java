package io.inkstream.platform.markdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Markdown renders in bounded time, told by one linear pass over the text. The renderer
 * (commonmark) parses and renders nested blocks and inlines by recursion, so a body nested a few
 * thousand levels deep overflows the stack; and it looks for the {@code >} that closes every
 * {@code <} it meets, so a paragraph of unclosed {@code <} costs the square of its length. The
 * command side refuses a body past these limits; the query side shows one stored before them
 * as plain text.
 *
 * <p>The pass over-estimates rather than parses: it counts container markers at the start of a
 * line (quotes, bullets, numbers, and indentation before a bullet), and within a paragraph the
 * brackets and emphasis runs still open, skipping code spans, fenced code and escapes.
 */
public final class MarkdownLimits {

    /** The deepest nesting of blocks, and of inlines within a paragraph. Real posts stay under ten. */
    public static final int MAX_DEPTH = 32;
    /**
     * The characters the renderer may scan looking for the {@code >} of each {@code <}, summed
     * over the body: a few milliseconds' work. Prose with a comparison per sentence uses a few
     * thousand.
     */
    public static final long MAX_ANGLE_SCAN = 2_000_000;

    private static final String TOO_DEEP_INLINE = "nests inline markup deeper than " + MAX_DEPTH + " levels";

    private MarkdownLimits() {
    }

    /** Why this Markdown would not render in bounded time, or empty when it will. */
    public static Optional<String> exceeded(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return Optional.empty();
        }
        long angleScan = 0;
        List<String> paragraph = new ArrayList<>();
        String fence = null;
        for (String line : (Iterable<String>) markdown.lines()::iterator) {
            String stripped = line.stripLeading();
            if (fence != null) {
                if (stripped.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            boolean fenceOpens = stripped.startsWith("```") || stripped.startsWith("~~~");
            Prefix prefix = fenceOpens ? new Prefix(0, 0) : Prefix.of(line);
            if (prefix.depth() > MAX_DEPTH) {
                return Optional.of("nests blocks deeper than " + MAX_DEPTH + " levels");
            }
            String rest = line.substring(prefix.end());
            if (fenceOpens || rest.isBlank()) {
                long cost = paragraph(paragraph);
                if (cost < 0) {
                    return Optional.of(TOO_DEEP_INLINE);
                }
                angleScan += cost;
                paragraph.clear();
                fence = fenceOpens ? stripped.substring(0, 3) : null;
            } else {
                paragraph.add(rest);
            }
        }
        long cost = paragraph(paragraph);
        if (cost < 0) {
            return Optional.of(TOO_DEEP_INLINE);
        }
        if (angleScan + cost > MAX_ANGLE_SCAN) {
            return Optional.of("has too many '<' without a closing '>'; write them as \\< or in `code`");
        }
        return Optional.empty();
    }

    /** Where a line's container markers end, and how many it has. */
    private record Prefix(int end, int depth) {

        static Prefix of(String line) {
            int i = 0;
            int depth = 0;
            int indent = 0;
            boolean first = true;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == ' ' || c == '\t') {
                    indent += c == '\t' ? 4 : 1;
                    i++;
                } else if (c == '>') {
                    depth++;
                    i++;
                } else if ((c == '-' || c == '+' || c == '*') && spaceAfter(line, i + 1)) {
                    depth += 1 + (first ? indent / 2 : 0);
                    first = false;
                    i++;
                } else {
                    int digits = 0;
                    while (i + digits < line.length() && digits < 10 && Character.isDigit(line.charAt(i + digits))) {
                        digits++;
                    }
                    if (digits > 0 && digits < 10 && i + digits < line.length()
                            && (line.charAt(i + digits) == '.' || line.charAt(i + digits) == ')')
                            && spaceAfter(line, i + digits + 1)) {
                        depth += 1 + (first ? indent / 2 : 0);
                        first = false;
                        i += digits + 1;
                    } else {
                        break;
                    }
                }
            }
            return new Prefix(i, depth);
        }

        private static boolean spaceAfter(String line, int i) {
            return i >= line.length() || line.charAt(i) == ' ' || line.charAt(i) == '\t';
        }
    }

    /**
     * One paragraph's inline cost: the characters scanned for the {@code >} of each {@code <}, or
     * -1 when its inlines nest deeper than {@link #MAX_DEPTH}.
     */
    private static long paragraph(List<String> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        String text = String.join("\n", lines);
        int n = text.length();
        int[] codeEnd = codeSpans(text);
        // Where the next '>' is, from each position: the renderer's scan from a '<' stops there.
        int[] nextClose = new int[n + 1];
        nextClose[n] = n;
        for (int i = n - 1; i >= 0; i--) {
            nextClose[i] = text.charAt(i) == '>' ? i : nextClose[i + 1];
        }
        long scan = 0;
        int brackets = 0;
        int emphasis = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '`') {
                i = codeEnd[i];
                continue;
            }
            if (c == '<') {
                scan += nextClose[i] - i;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets = Math.max(0, brackets - 1);
            } else if (c == '*' || c == '_' || c == '~') {
                int run = i;
                while (run < n && text.charAt(run) == c) {
                    run++;
                }
                boolean opens = run < n && !Character.isWhitespace(text.charAt(run));
                boolean closes = i > 0 && !Character.isWhitespace(text.charAt(i - 1));
                if (closes && emphasis > 0) {
                    emphasis = Math.max(0, emphasis - (run - i));
                } else if (opens) {
                    emphasis += run - i;
                }
                i = run;
                if (brackets + emphasis > MAX_DEPTH) {
                    return -1;
                }
                continue;
            }
            if (brackets + emphasis > MAX_DEPTH) {
                return -1;
            }
            i++;
        }
        return scan;
    }

    /**
     * For each backtick that opens a code span, where the span ends (past its closing run of the
     * same length); for any other backtick, the position after its run. Linear: each run's
     * closer is found through the next run of each length, worked out from the end.
     */
    private static int[] codeSpans(String text) {
        int n = text.length();
        int[] end = new int[n];
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < n; ) {
            if (text.charAt(i) == '`' && (i == 0 || text.charAt(i - 1) != '\\')) {
                int j = i;
                while (j < n && text.charAt(j) == '`') {
                    j++;
                }
                runs.add(new int[] {i, j - i});
                i = j;
            } else {
                i++;
            }
        }
        Map<Integer, Integer> nextOfLength = new HashMap<>();
        int[] closer = new int[runs.size()];
        for (int r = runs.size() - 1; r >= 0; r--) {
            closer[r] = nextOfLength.getOrDefault(runs.get(r)[1], -1);
            nextOfLength.put(runs.get(r)[1], r);
        }
        for (int r = 0; r < runs.size(); r++) {
            int start = runs.get(r)[0];
            int length = runs.get(r)[1];
            int close = closer[r];
            end[start] = close < 0 ? start + length : runs.get(close)[0] + length;
            for (int k = 1; k < length; k++) {
                end[start + k] = start + length;
            }
        }
        return end;
    }
}
