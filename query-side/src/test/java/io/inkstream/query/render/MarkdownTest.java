package io.inkstream.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.platform.markdown.MarkdownLimits;
import io.inkstream.platform.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">click</a>",
        "![pixel](data:image/png;base64,iVBORw0KGgo=)",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<svg onload=alert(1)></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "[x](JaVaScRiPt:alert(1))",
    })
    void dangerousMarkupNeverSurvives(String attack) {
        for (String html : new String[] {Markdown.postHtml(attack), Markdown.replyHtml(attack)}) {
            assertThat(SCRIPT_TAG.matcher(html).find()).as("script-like element in %s", html).isFalse();
            assertThat(HANDLER.matcher(html).find()).as("event handler in %s", html).isFalse();
            assertThat(BAD_URL.matcher(html).find()).as("script or data URL in %s", html).isFalse();
            assertThat(STYLE.matcher(html).find()).as("inline style in %s", html).isFalse();
        }
    }

    // Patterns over real tags only: escaped text such as "&lt;script&gt;" is harmless.
    static final Pattern SCRIPT_TAG = Pattern.compile("<\\s*(script|iframe|svg|object|embed)", Pattern.CASE_INSENSITIVE);
    static final Pattern HANDLER = Pattern.compile("<[^>]*\\son\\w+\\s*=", Pattern.CASE_INSENSITIVE);
    static final Pattern BAD_URL = Pattern.compile("<[^>]*(href|src)\\s*=\\s*[\"']?\\s*(javascript|data|vbscript):",
            Pattern.CASE_INSENSITIVE);
    static final Pattern STYLE = Pattern.compile("<[^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void postKeepsHeadingsListsLinksImagesCodeAndQuotes() {
        String html = Markdown.postHtml("""
                ## Transforming to a modern learning environment

                ![DSCN2051](images/DSCN2051.jpg)

                - one
                - two

                > quoted

                See [the original](https://strategic-hcm.example/post) and `code`.

                | a | b |
                |---|---|
                | 1 | 2 |
                """);
        assertThat(html).contains("<h2>Transforming to a modern learning environment</h2>")
                .contains("<img src=\"images/DSCN2051.jpg\" alt=\"DSCN2051\" />")
                .contains("<li>one</li>")
                .contains("<blockquote>")
                .contains("<a href=\"https://strategic-hcm.example/post\">the original</a>")
                .contains("<code>code</code>")
                .contains("<table>");
    }

    @Test
    void replyLinksAreNofollowUgcAndItsHtmlIsText() {
        String html = Markdown.replyHtml("Read https://example.org and <b>this</b> ![img](https://example.org/x.png)");
        // The sanitizer writes the two rel tokens in either order.
        assertThat(html).containsPattern("<a href=\"https://example.org\" rel=\"(nofollow ugc|ugc nofollow)\">")
                .contains("&lt;b&gt;this&lt;/b&gt;")
                .doesNotContain("<img");
    }

    @Test
    void excerptIsPlainTextWithoutImagesCutBetweenWords() {
        String excerpt = Markdown.excerpt("![DSCN2051](images/DSCN2051.jpg)\n\nAfter a couple of years. " + "word ".repeat(100));
        assertThat(excerpt).startsWith("After a couple of years.").endsWith("…").doesNotContain("DSCN2051");
        assertThat(excerpt.length()).isLessThanOrEqualTo(281);
        assertThat(Markdown.excerpt("## Short\n\n*Just* this.")).isEqualTo("Short Just this.");
    }

    static List<Corpus.Input> hostile() {
        return Corpus.markdown();
    }

    /**
     * Every pathological input renders, as a post and as a reply, without overflowing the stack
     * (the projection thread would stop on it) and into HTML no longer than a few times the
     * input: the renderer's recursion and its quadratic scans are kept out by MarkdownLimits,
     * and what it refuses is shown as escaped text.
     */
    @ParameterizedTest
    @MethodSource("hostile")
    void pathologicalMarkdownRendersSafely(Corpus.Input input) {
        String post = input.text();
        String reply = post.substring(0, Math.min(post.length(), 10_000));
        for (String html : List.of(Markdown.postHtml(post), Markdown.replyHtml(reply))) {
            assertThat(SCRIPT_TAG.matcher(html).find()).isFalse();
            assertThat(html.length()).isLessThan(8 * post.length() + 100);
        }
        assertThat(Markdown.excerpt(post).length()).isLessThanOrEqualTo(281);
    }

    @Test
    void theCorpusCoversEveryLimit() {
        Set<String> reasons = new HashSet<>();
        hostile().forEach(input -> MarkdownLimits.exceeded(input.text()).ifPresent(reasons::add));
        assertThat(reasons).hasSize(3);
    }

    @Test
    void markdownPastTheLimitsIsShownAsEscapedText() {
        String deep = ">".repeat(3_000) + " <b>deep</b> & *more*\n\nnext";
        assertThat(Markdown.postHtml(deep)).doesNotContain("<blockquote>").doesNotContain("<b>")
                .contains("&lt;b&gt;deep&lt;/b&gt; &amp; *more*").contains("<p>next</p>");
        assertThat(Markdown.excerpt(deep)).startsWith(">>>");
    }

    @Test
    void realContentIsWithinTheLimits() throws Exception {
        String seed = Files.readString(Path.of("../../shared/fixtures/seed-post.txt"));
        String technical = """
                In Python, `def f(*args, **kwargs)` takes any arguments; `a < b` and `x->y` are code.
                If a < b and c < d then *emphasis* and **strong** and [a link](https://example.org).

                > A quote with a list:
                > - one
                >   - two
                >     1. three

                ```
                <<<<<<< HEAD
                [[[[ ]]]] **** ____
                ```
                | a | b |
                |---|---|
                | <br> | x |
                """;
        assertThat(MarkdownLimits.exceeded(seed)).isEmpty();
        assertThat(MarkdownLimits.exceeded(technical)).isEmpty();
        assertThat(MarkdownLimits.exceeded("- a\n".repeat(5_000) + "word ".repeat(100_000))).isEmpty();
    }
}
