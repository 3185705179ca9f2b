package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.client.ApiClient;
import io.inkstream.client.ApiException;
import io.inkstream.client.api.AuthorControllerApi;
import io.inkstream.client.api.PostControllerApi;
import io.inkstream.client.api.PostQueryControllerApi;
import io.inkstream.client.api.ReplyControllerApi;
import io.inkstream.client.api.ThreadControllerApi;
import io.inkstream.client.model.Created;
import io.inkstream.client.model.Link;
import io.inkstream.client.model.NewReply;
import io.inkstream.client.model.PostContent;
import io.inkstream.client.model.PostPage;
import io.inkstream.client.model.Registration;
import io.inkstream.client.model.ReplyRef;
import io.inkstream.client.model.ThreadView;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The seed post's walkthrough through a client generated from deploy/openapi.json, as a
 * client's developer would generate it: registering its author, publishing the post, its
 * replies in their thread, reading post and thread back. A document that said other than the
 * service answers would fail here (a field or status the client cannot read).
 */
class GeneratedClientIT extends BackendTest {

    @LocalServerPort
    int port;

    ApiClient as(String login, String password) {
        ApiClient client = new ApiClient(HttpClient.newBuilder(), new ObjectMapper().findAndRegisterModules(),
                "http://localhost:" + port);
        if (login != null) {
            String basic = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
            client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
        }
        return client;
    }

    @Test
    void theSeedPostThroughAGeneratedClient() throws Exception {
        JsonNode seed = new ObjectMapper().readTree(SeedPostIT.FIXTURE.toFile());
        // Its author made unique: other tests share this backend.
        String authorId = seed.get("author").get("authorId").asText() + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode author = seed.get("author");
        new AuthorControllerApi(as("admin", "admin-secret")).register(new Registration().authorId(authorId)
                .displayName(author.get("displayName").asText()).bio(author.get("bio").asText())
                .contact(author.path("contact").asText(null)).password(PASSWORD));

        JsonNode post = seed.get("post");
        List<Link> related = new ArrayList<>();
        post.path("relatedLinks").forEach(l -> related.add(new Link().title(l.get("title").asText())
                .url(l.get("url").asText())));
        List<String> tags = new ArrayList<>();
        post.path("tags").forEach(t -> tags.add(t.asText()));
        Created created = new PostControllerApi(as(authorId, PASSWORD)).create(new PostContent().authorId(authorId)
                .title(post.get("title").asText() + " " + authorId).bodyMarkdown(post.get("bodyMarkdown").asText())
                .tags(tags).canonicalUrl(post.path("canonicalUrl").asText(null)).relatedLinks(related));
        assertThat(created.getStatus()).isEqualTo("published");
        assertThat(created.getVersion()).isEqualTo(1);

        ReplyControllerApi replies = new ReplyControllerApi(as(null, null));
        Map<String, String> refs = new HashMap<>();
        for (JsonNode reply : seed.get("replies")) {
            ReplyRef added = replies.add(created.getPostId(), new NewReply().authorName(reply.get("authorName").asText())
                    .body(reply.get("body").asText())
                    .parentReplyId(reply.has("parentRef") ? refs.get(reply.get("parentRef").asText()) : null), null);
            assertThat(added.getStatus()).isEqualTo("published");
            refs.put(reply.get("ref").asText(), added.getReplyId());
        }

        PostQueryControllerApi posts = new PostQueryControllerApi(as(null, null));
        PostPage page = posts.post(created.getSlug());
        assertThat(page.getPostId()).isEqualTo(created.getPostId());
        assertThat(page.getAuthor().getDisplayName()).isEqualTo(author.get("displayName").asText());
        assertThat(page.getBodyHtml()).contains("<img");
        ThreadView thread = eventually().until(() -> new ThreadControllerApi(as(null, null))
                .thread(created.getPostId(), null, null), t -> t.getReplyCount() == seed.get("replies").size());
        assertThat(thread.getReplies()).isNotEmpty();
        assertThat(thread.getReplies().get(0).getReplyId()).isEqualTo(refs.get("r1"));

        // Refusals reach the client as their status, with the problem the document describes.
        assertThatThrownBy(() -> posts.post("no-such-post-" + authorId))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> replies.add(created.getPostId(), new NewReply().authorName("Reader").body(""), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(e.getResponseBody()).contains("\"field\":\"body\"");
                });
    }
}
