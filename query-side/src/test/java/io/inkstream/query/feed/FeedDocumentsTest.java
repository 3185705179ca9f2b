package io.inkstream.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.inkstream.platform.web.ContentTags;
import io.inkstream.query.feed.FeedDocuments.Format;
import io.inkstream.query.feed.FeedDocuments.Head;
import io.inkstream.query.render.Markdown;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedDocumentsTest {

    static final String POST_ID = "5f0c1c2e-8d5a-4c41-9c7e-2f6a1e0b9d11";
    static final FeedDocuments DOCUMENTS = new FeedDocuments("https://blog.example.com/");
    static final FeedDocuments.Post SEED = new FeedDocuments.Post(POST_ID,
            "josh-bersin-on-informal-and-social-learning", "Josh Bersin on informal and social learning",
            "After a couple of years", Markdown.postHtml("![DSCN2051](images/DSCN2051.jpg)\n\n## Transforming\n\n"
                    + "See [the original](https://strategic-hcm.example/2010/01/josh) and [below](#reply)."),
            List.of("informal learning", "Learning Technologies"), Instant.parse("2010-01-25T10:00:00Z"),
            Instant.parse("2010-01-26T08:30:00Z"), "Jon Ingham");
    static final Head SITE = new Head("Inkstream", "The newest posts", "/", "/feed.atom");

    static SyndFeed parse(byte[] xml) throws Exception {
        return new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
    }

    @Test
    void anAtomEntryCarriesWhatAReaderShows() throws Exception {
        byte[] xml = FeedDocuments.render(DOCUMENTS.posts(SITE, List.of(SEED), Format.ATOM));
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
        SyndFeed feed = parse(xml);
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Inkstream");
        assertThat(feed.getLinks()).anySatisfy(link -> {
            assertThat(link.getRel()).isEqualTo("self");
            assertThat(link.getHref()).isEqualTo("https://blog.example.com/feed.atom");
        });
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo("Josh Bersin on informal and social learning");
        assertThat(entry.getLink()).isEqualTo("https://blog.example.com/posts/josh-bersin-on-informal-and-social-learning");
        assertThat(entry.getUri()).isEqualTo("urn:uuid:" + POST_ID);
        assertThat(entry.getAuthor()).isEqualTo("Jon Ingham");
        assertThat(entry.getCategories()).extracting(SyndCategory::getName)
                .containsExactly("informal learning", "Learning Technologies");
        assertThat(entry.getPublishedDate().toInstant()).isEqualTo(SEED.publishedAt());
        assertThat(entry.getUpdatedDate().toInstant()).isEqualTo(SEED.updatedAt());
        assertThat(entry.getDescription().getValue()).isEqualTo("After a couple of years");
        String content = entry.getContents().get(0).getValue();
        assertThat(content)
                .contains("<img src=\"https://blog.example.com/posts/images/DSCN2051.jpg\"")
                .contains("<h2>Transforming</h2>")
                .contains("href=\"https://strategic-hcm.example/2010/01/josh\"")
                .contains("href=\"#reply\"");
    }

    @Test
    void rssCarriesTheSame() throws Exception {
        byte[] xml = FeedDocuments.render(DOCUMENTS.posts(SITE, List.of(SEED), Format.RSS));
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<rss", "version=\"2.0\"");
        SyndFeed feed = parse(xml);
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo(SEED.title());
        assertThat(entry.getLink()).isEqualTo("https://blog.example.com/posts/josh-bersin-on-informal-and-social-learning");
        assertThat(entry.getUri()).isEqualTo("urn:uuid:" + POST_ID);
        assertThat(entry.getAuthor()).isEqualTo("Jon Ingham");
        assertThat(entry.getCategories()).extracting(SyndCategory::getName)
                .containsExactly("informal learning", "Learning Technologies");
        assertThat(entry.getContents()).isNotEmpty();
        assertThat(entry.getContents().get(0).getValue()).contains("https://blog.example.com/posts/images/DSCN2051.jpg");
    }

    @Test
    void theSameFeedRendersToTheSameBytes() {
        byte[] once = FeedDocuments.render(DOCUMENTS.posts(SITE, List.of(SEED), Format.ATOM));
        byte[] again = FeedDocuments.render(DOCUMENTS.posts(SITE, List.of(SEED), Format.ATOM));
        assertThat(again).isEqualTo(once);
        assertThat(ContentTags.of(again)).isEqualTo(ContentTags.of(once)).startsWith("\"").endsWith("\"");
    }

    @Test
    void unicodeSlugsArePercentEncodedInLinks() {
        assertThat(DOCUMENTS.postUrl("привет-мир")).isEqualTo(
                "https://blog.example.com/posts/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80");
    }

    @Test
    void relativeLinksAreResolvedAgainstThePostAndOthersKept() {
        String html = "<a href=\"../about?a=1&amp;b=2\">x</a><img src=\"/media/p.png\" /><a href=\"mailto:jon@example.com\">m</a>";
        assertThat(FeedDocuments.absolute(html, "https://blog.example.com/posts/slug"))
                .isEqualTo("<a href=\"https://blog.example.com/about?a=1&amp;b=2\">x</a>"
                        + "<img src=\"https://blog.example.com/media/p.png\" /><a href=\"mailto:jon@example.com\">m</a>");
    }

    @Test
    void entryIdsAreUrnsThatNeverChange() {
        assertThat(FeedDocuments.urn(POST_ID)).isEqualTo("urn:uuid:" + POST_ID);
        assertThat(FeedDocuments.urn("r-42")).isEqualTo("urn:inkstream:r-42");
        assertThat(FeedDocuments.urn("1-1-1-1-1")).isEqualTo("urn:inkstream:1-1-1-1-1");
    }
}
