package io.inkstream.query.render;

import java.util.ArrayList;
import java.util.List;
import io.inkstream.platform.markdown.MarkdownLimits;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders Markdown to HTML that is safe to show: no script, no event handlers, no
 * {@code javascript:} or {@code data:} URLs, no inline styles. Posts keep headings, lists,
 * links, images, tables, code and quotes. Replies are written by anyone, so their raw HTML is
 * shown as text, they get no images, and their links carry {@code rel="nofollow ugc"}.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer POST_HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer REPLY_HTML = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().extensions(EXTENSIONS).build();
    private static final int EXCERPT_MAX = 280;
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

    private static final String[] TEXT_ELEMENTS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
        "li", "blockquote", "pre", "code", "em", "strong", "del", "table", "thead", "tbody", "tr", "th", "td"};

    private static final PolicyFactory POST_POLICY = new HtmlPolicyBuilder()
            .allowElements(TEXT_ELEMENTS)
            .allowElements("a", "img")
            .allowStandardUrlProtocols()
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("src", "alt", "title").onElements("img")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .allowAttributes("align").matching(false, "left", "center", "right").onElements("th", "td")
            .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,40}")).onElements("code")
            .toFactory();

    private static final PolicyFactory REPLY_POLICY = new HtmlPolicyBuilder()
            .allowElements(TEXT_ELEMENTS)
            .allowElements("a")
            .allowStandardUrlProtocols()
            .allowAttributes("href", "title").onElements("a")
            .requireRelsOnLinks("nofollow", "ugc")
            .toFactory();

    private Markdown() {
    }

    public static String postHtml(String markdown) {
        return POST_POLICY.sanitize(render(markdown, POST_HTML));
    }

    public static String replyHtml(String markdown) {
        return REPLY_POLICY.sanitize(render(markdown, REPLY_HTML));
    }

    private static String render(String markdown, HtmlRenderer renderer) {
        return bounded(markdown, source -> renderer.render(PARSER.parse(source)), Markdown::plainHtml);
    }

    /**
     * What {@code rendered} makes of Markdown within {@link MarkdownLimits}, and what {@code plain}
     * makes of it past them (a body stored before the command side checked them), so that no body
     * costs more than linear time or overflows the stack. The stack is guarded too, should the
     * limits ever miss a shape the renderer recurses on: a projection thread must survive any body.
     */
    private static String bounded(String markdown, UnaryOperator<String> rendered, UnaryOperator<String> plain) {
        String source = markdown == null ? "" : markdown;
        if (MarkdownLimits.exceeded(source).isPresent()) {
            return plain.apply(source);
        }
        try {
            return rendered.apply(source);
        } catch (StackOverflowError tooDeep) {
            return plain.apply(source);
        }
    }

    /** Text as HTML paragraphs, every character escaped: one pass, no nesting. */
    static String plainHtml(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16);
        for (String paragraph : BLANK_LINES.split(text.strip())) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip()).replace("\n", "<br />"))
                        .append("</p>\n");
            }
        }
        return html.toString();
    }

    /** The opening words as plain text, for lists: at most 280 characters, cut between words. */
    public static String excerpt(String markdown) {
        return cut(bounded(markdown, Markdown::plainText, UnaryOperator.identity()).replaceAll("\\s+", " ").strip());
    }

    private static String plainText(String markdown) {
        Node document = PARSER.parse(markdown);
        // An image says nothing in plain text but its file name.
        List<Node> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        images.forEach(Node::unlink);
        return TEXT.render(document);
    }

    private static String cut(String text) {
        if (text.length() <= EXCERPT_MAX) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT_MAX - 1);
        return text.substring(0, cut > EXCERPT_MAX / 2 ? cut : EXCERPT_MAX - 1) + "…";
    }
}
