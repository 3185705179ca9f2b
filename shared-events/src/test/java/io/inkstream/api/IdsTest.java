package io.inkstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAsClientsWriteThemAreParsed() {
        assertThat(PostId.parse("5f0c-post-1")).isEqualTo(new PostId("5f0c-post-1"));
        assertThat(ReplyId.parse("r1")).isEqualTo(new ReplyId("r1"));
        assertThat(AuthorId.parse("jon-ingham")).isEqualTo(new AuthorId("jon-ingham"));
        assertThat(PostId.parse("p".repeat(100)).value()).hasSize(100);
    }

    @Test
    void anIdNoneCouldHaveIsNotFoundNamingWhatWasAsked() {
        for (String id : new String[] {null, "", "-leading-hyphen", "has space", "dot.ted", "ünï", "../etc",
                "p".repeat(101)}) {
            assertThatThrownBy(() -> PostId.parse(id)).as(id)
                    .isInstanceOfSatisfying(Refusal.NotFound.class, refusal -> {
                        assertThat(refusal.what()).isEqualTo("post");
                        assertThat(refusal.getMessage()).isEqualTo("No such post.");
                    });
        }
        assertThatThrownBy(() -> ReplyId.parse("a b")).isInstanceOfSatisfying(Refusal.NotFound.class,
                refusal -> assertThat(refusal.what()).isEqualTo("reply"));
        assertThatThrownBy(() -> AuthorId.parse("a/b")).isInstanceOfSatisfying(Refusal.NotFound.class,
                refusal -> assertThat(refusal.what()).isEqualTo("author"));
    }
}
