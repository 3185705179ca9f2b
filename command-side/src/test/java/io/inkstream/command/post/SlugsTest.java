package io.inkstream.command.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void slugIsLowercaseAsciiWordsJoinedByDashes() {
        assertThat(Slugs.derive("Josh Bersin on informal and social learning"))
                .isEqualTo("josh-bersin-on-informal-and-social-learning");
        assertThat(Slugs.derive("  Crème brûlée – L&D’s “new” way!  ")).isEqualTo("creme-brulee-l-d-s-new-way");
    }

    @Test
    void titleWithoutLettersStillGetsASlug() {
        assertThat(Slugs.derive("!!! ???")).isEqualTo("post");
        assertThat(Slugs.derive("日本語")).isEqualTo("post");
    }

    @Test
    void longTitlesAreCutAtAWordBoundaryCharacter() {
        String slug = Slugs.derive("word ".repeat(40));
        assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX);
        assertThat(slug).doesNotEndWith("-").startsWith("word-word");
    }
}
