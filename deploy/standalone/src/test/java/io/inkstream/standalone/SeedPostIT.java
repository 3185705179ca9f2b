package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real post of ../shared/fixtures/seed-post.json, published over HTTP with its replies,
 * then read back as its readers would see it.
 */
class SeedPostIT extends BackendTest {

    static final Path FIXTURE = Path.of("../../../shared/fixtures/seed-post.json");

    /** The request body of one of the fixture's replies; its parent by the id the earlier reply was given. */
    static Map<String, Object> replyRequest(JsonNode reply, Map<String, String> idsByRef) {
        Map<String, Object> body = new HashMap<>();
        body.put("authorName", reply.get("authorName").asText());
        body.put("body", reply.get("body").asText());
        if (reply.hasNonNull("parentRef")) {
            body.put("parentReplyId", idsByRef.get(reply.get("parentRef").asText()));
        }
        return body;
    }

    @Test
    void seedPostEndToEnd() throws Exception {
        assertThat(FIXTURE).as("the shared fixture beside the repository").exists();
        JsonNode seed = new ObjectMapper().readTree(Files.readString(FIXTURE));
        ObjectMapper mapper = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> author = mapper.convertValue(seed.get("author"), Map.class);
        // The fixture's author id may exist from another test run on this database.
        String authorId = unique(author.remove("authorId").toString());
        registerAuthor(authorId, author);
        @SuppressWarnings("unchecked")
        Map<String, Object> post = mapper.convertValue(seed.get("post"), Map.class);
        JsonNode published = publish(authorId, post);
        String postId = published.get("postId").asText();
        assertThat(published.get("slug").asText()).startsWith("josh-bersin-on-informal-and-social-learning");

        Map<String, String> ids = new HashMap<>();
        for (JsonNode r : seed.get("replies")) {
            ids.put(r.get("ref").asText(), reply(postId, replyRequest(r, ids)));
        }

        JsonNode page = awaitGet("/posts/{id}", p -> p.get("replyCount").asLong() == 3, published.get("slug").asText());
        assertThat(page.get("postId").asText()).isEqualTo(postId);
        assertThat(page.get("title").asText()).isEqualTo("Josh Bersin on informal and social learning");
        String html = page.get("bodyHtml").asText();
        assertThat(html).contains("<h2>Transforming to a modern learning environment</h2>",
                "<h2>But why would someone read a blog?</h2>", "<img src=\"images/DSCN2051.jpg\" alt=\"DSCN2051\" />");
        assertThat(page.get("tags")).extracting(JsonNode::asText)
                .containsExactly("informal learning", "social learning", "learning and development", "Learning Technologies");
        assertThat(page.get("canonicalUrl").asText())
                .isEqualTo("https://strategic-hcm.example/2010/01/josh-bersin-on-informal-and-social-learning");
        assertThat(page.get("relatedLinks").get(0).get("url").asText()).isEqualTo("https://strategic-hcm.example/social-learning");
        assertThat(page.get("author").get("displayName").asText()).isEqualTo("Jon Ingham");
        assertThat(page.get("author").get("bio").asText()).startsWith("I graduated from Imperial College");
        assertThat(page.get("version").asLong()).isEqualTo(1);
        for (String field : List.of("publishedAt", "updatedAt", "repliesOpen", "bodyMarkdown")) {
            assertThat(page.hasNonNull(field)).as(field).isTrue();
        }

        JsonNode authorPage = awaitGet("/authors/{id}", a -> a.get("postCount").asLong() == 1, authorId);
        assertThat(authorPage.get("bio").asText()).isEqualTo(seed.get("author").get("bio").asText());
        assertThat(authorPage.get("contact").asText()).isEqualTo(seed.get("author").get("contact").asText())
                .contains("ingham [at] strategic");
        assertThat(authorPage.get("recentPosts").get(0).get("postId").asText()).isEqualTo(postId);
        assertThat(authorPage.hasNonNull("registeredAt")).isTrue();

        JsonNode thread = get("/posts/{id}/replies", postId);
        assertThat(thread.get("replyCount").asLong()).isEqualTo(3);
        JsonNode first = thread.get("replies").get(0);
        assertThat(first.get("authorName").asText()).isEqualTo("Jane Hart");
        assertThat(first.get("replies").get(0).get("replyId").asText()).isEqualTo(ids.get("r2"));
        assertThat(first.get("replies").get(0).get("parentReplyId").asText()).isEqualTo(ids.get("r1"));
        assertThat(first.get("replies").get(0).get("bodyHtml").asText()).contains("see you at the conference");
        assertThat(thread.get("replies").get(1).get("bodyHtml").asText()).contains("<em>would</em>");
    }
}
