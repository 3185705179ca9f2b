package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Atom and RSS as a feed reader uses them: what an entry carries, conditional GET, what never appears. */
class FeedsIT extends BackendTest {

    static final String PUBLIC = "https://blog.example.com";

    @Autowired
    MeterRegistry meters;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** A path already encoded, as a feed reader sends it. */
    java.net.URI at(String path) {
        return java.net.URI.create("http://localhost:" + port + path);
    }

    @Test
    void theSeedPostIsInTheSiteItsAuthorsAndItsTagsFeeds() throws Exception {
        JsonNode seed = json.readTree(Files.readString(SeedPostIT.FIXTURE, StandardCharsets.UTF_8));
        Map<String, Object> profile = new HashMap<>(json.convertValue(seed.get("author"), Map.class));
        String author = registerAuthor(unique("jon"), profile);
        Map<String, Object> post = new HashMap<>(json.convertValue(seed.get("post"), Map.class));
        JsonNode published = publish(author, post);
        String postId = published.get("postId").asText();
        String link = PUBLIC + "/posts/" + published.get("slug").asText();
        List<String> tags = json.convertValue(seed.get("post").get("tags"), List.class);

        for (String path : List.of("/feed.atom", "/feed.rss", "/authors/" + author + "/feed.atom",
                "/authors/" + author + "/feed.rss", tagPath(tags.get(0).toUpperCase(), "atom"),
                tagPath(tags.get(1), "rss"))) {
            SyndEntry entry = awaitEntry(path, postId);
            assertThat(entry.getTitle()).as(path).isEqualTo(seed.get("post").get("title").asText());
            assertThat(entry.getLink()).as(path).isEqualTo(link);
            assertThat(entry.getAuthor()).as(path).isEqualTo(profile.get("displayName"));
            assertThat(entry.getCategories()).as(path).extracting(SyndCategory::getName).containsExactlyElementsOf(tags);
            assertThat(entry.getContents().get(0).getValue()).as(path)
                    .contains("<img src=\"" + PUBLIC + "/posts/images/DSCN2051.jpg\"")
                    .contains("Transforming to a modern learning environment");
            assertThat(entry.getPublishedDate()).as(path).isNotNull();
        }
        SyndFeed tagFeed = feed(get(feedRequest(tagPath(tags.get(0).toUpperCase(), "atom"))));
        assertThat(tagFeed.getTitle()).startsWith("Posts tagged " + tags.get(0) + " ");
        SyndFeed authorFeed = feed(get(feedRequest("/authors/" + author + "/feed.atom")));
        assertThat(authorFeed.getTitle()).startsWith("Posts by " + profile.get("displayName"));
    }

    @Test
    void aReaderPollingAnUnchangedFeedGets304AndCostsNoBuild() throws Exception {
        String author = registerAuthor();
        String tag = unique("Polled");
        String first = publish(author, "First polled", List.of(tag));
        String path = tagPath(tag, "atom");
        awaitEntry(path, first);
        EntityExchangeResult<byte[]> answer = get(feedRequest(path));
        String etag = answer.getResponseHeaders().getETag();
        long lastModified = answer.getResponseHeaders().getLastModified();
        assertThat(answer.getResponseHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("application/atom+xml")))
                .isTrue();
        assertThat(etag).isNotBlank();
        assertThat(lastModified).isPositive();

        double builds = meters.counter("inkstream.feeds.built").count();
        for (int i = 0; i < 5; i++) {
            http.get().uri(at(path)).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                    .expectStatus().isNotModified().expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                    .expectBody().isEmpty();
            http.get().uri(at(path)).header(HttpHeaders.IF_MODIFIED_SINCE, httpDate(lastModified)).exchange()
                    .expectStatus().isNotModified();
            http.get().uri(at(path)).exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, etag);
        }
        assertThat(meters.counter("inkstream.feeds.built").count()).as("feeds built while polling").isEqualTo(builds);

        String second = publish(author, "Second polled", List.of(tag.toLowerCase()));
        SyndFeed changed = awaitFeed(path, feed -> ids(feed).contains(urn(second)));
        assertThat(ids(changed)).containsExactly(urn(second), urn(first));
        http.get().uri(at(path)).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isOk()
                .expectHeader().value(HttpHeaders.ETAG, now -> assertThat(now).isNotEqualTo(etag));

        // Untagged, and unpublished: gone from the tag's feed.
        http.put().uri("/posts/{id}", first).headers(as(author)).bodyValue(Map.of("title", "First polled",
                "bodyMarkdown", "No tag now.")).exchange().expectStatus().isOk();
        awaitFeed(path, feed -> ids(feed).equals(List.of(urn(second))));
        http.delete().uri("/posts/{id}", second).headers(as(author)).exchange().expectStatus().isNoContent();
        awaitFeed(path, feed -> feed.getEntries().isEmpty());
    }

    @Test
    void draftsScheduledPostsAndUnknownsNeverAppear() throws Exception {
        String author = registerAuthor();
        String tag = unique("Private");
        Map<String, Object> draft = new HashMap<>(Map.of("authorId", author, "title", "Not yet",
                "bodyMarkdown", "Draft.", "tags", List.of(tag), "status", "draft"));
        String draftId = read(http.post().uri("/posts").headers(as(author)).bodyValue(draft).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("postId").asText();
        draft.putAll(Map.of("title", "Later", "status", "scheduled", "publishAt", Instant.now().plusSeconds(3600).toString()));
        http.post().uri("/posts").headers(as(author)).bodyValue(draft).exchange().expectStatus().isCreated();
        eventually().until(() -> http.get().uri("/posts/{id}", draftId).headers(as(author)).exchange()
                .returnResult(String.class).getStatus().is2xxSuccessful());

        assertThat(feed(get(feedRequest("/authors/" + author + "/feed.atom"))).getEntries()).isEmpty();
        assertThat(ids(feed(get(feedRequest("/feed.atom"))))).doesNotContain(urn(draftId));
        problem(tagPath(tag, "atom"), HttpStatus.NOT_FOUND);
        problem("/authors/" + unique("nobody") + "/feed.atom", HttpStatus.NOT_FOUND);
        problem("/authors/bad%20id/feed.rss", HttpStatus.NOT_FOUND);
        problem("/posts/" + draftId + "/replies/feed.atom", HttpStatus.NOT_FOUND);

        http.post().uri("/posts/{id}/publish", draftId).headers(as(author)).exchange().expectStatus().isOk();
        awaitEntry(tagPath(tag, "atom"), draftId);
        awaitEntry("/authors/" + author + "/feed.rss", draftId);
    }

    @Test
    void aPostsRepliesFeedHasItsNewestShownReplies() throws Exception {
        String author = registerAuthor();
        String title = unique("Discussed");
        JsonNode post = publish(author, Map.of("title", title));
        String postId = post.get("postId").asText();
        awaitGet("/posts/{id}", p -> true, postId);
        String jane = reply(postId, Map.of("authorName", "Jane Hart", "body", "Agree."));
        String bob = reply(postId, Map.of("authorName", "Bob", "body", "Spam!"));
        String ann = reply(postId, Map.of("authorName", "Ann", "body", "See [this](/posts/other).",
                "parentReplyId", jane));
        http.delete().uri("/posts/{id}/replies/{r}", postId, bob).headers(as(author)).exchange()
                .expectStatus().isNoContent();

        String path = "/posts/" + postId + "/replies/feed.atom";
        SyndFeed feed = awaitFeed(path, f -> f.getEntries().size() == 2);
        assertThat(ids(feed)).containsExactly(urn(ann), urn(jane));
        SyndEntry newest = feed.getEntries().get(0);
        String page = PUBLIC + "/posts/" + post.get("slug").asText();
        assertThat(newest.getTitle()).isEqualTo("Ann on " + title);
        assertThat(newest.getAuthor()).isEqualTo("Ann");
        assertThat(newest.getLink()).isEqualTo(page + "#reply-" + ann);
        assertThat(newest.getContents().get(0).getValue()).contains("href=\"" + PUBLIC + "/posts/other\"");
        assertThat(feed.getTitle()).isEqualTo("Replies to " + title);
        assertThat(ids(feed(get(feedRequest("/posts/" + post.get("slug").asText() + "/replies/feed.atom")))))
                .containsExactly(urn(ann), urn(jane));

        problem("/posts/" + unique("none") + "/replies/feed.atom", HttpStatus.NOT_FOUND);
        http.delete().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isNoContent();
        eventually().until(() -> http.get().uri(at(path)).exchange().returnResult(String.class)
                .getStatus().value() == 410);
    }

    // ---- helpers

    org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> feedRequest(String path) {
        return http.get().uri(at(path));
    }

    EntityExchangeResult<byte[]> get(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectStatus().isOk().expectBody().returnResult();
    }

    static SyndFeed feed(EntityExchangeResult<byte[]> answer) throws Exception {
        return new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(answer.getResponseBody()),
                StandardCharsets.UTF_8));
    }

    SyndFeed awaitFeed(String path, java.util.function.Predicate<SyndFeed> ready) {
        SyndFeed[] found = new SyndFeed[1];
        eventually().until(() -> {
            var result = http.get().uri(at(path)).exchange().expectBody().returnResult();
            if (!result.getStatus().is2xxSuccessful()) {
                return false;
            }
            found[0] = feed(result);
            return ready.test(found[0]);
        });
        return found[0];
    }

    SyndEntry awaitEntry(String path, String postId) {
        SyndFeed feed = awaitFeed(path, f -> ids(f).contains(urn(postId)));
        return feed.getEntries().stream().filter(e -> e.getUri().equals(urn(postId))).findFirst().orElseThrow();
    }

    static List<String> ids(SyndFeed feed) {
        return feed.getEntries().stream().map(SyndEntry::getUri).toList();
    }

    /** A post's or reply's entry id: its UUID as a URN. */
    static String urn(String id) {
        return "urn:uuid:" + java.util.UUID.fromString(id);
    }

    static String tagPath(String tag, String format) {
        return "/tags/" + org.springframework.web.util.UriUtils.encodePathSegment(tag, StandardCharsets.UTF_8)
                + "/feed." + format;
    }

    static String httpDate(long millis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    void problem(String path, HttpStatus status) {
        http.get().uri(at(path)).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
