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
        assertThat(Slugs.derive("\u0301\u0301")).isEqualTo("post");
    }

    @Test
    void titlesInOtherScriptsKeepTheirLetters() {
        assertThat(Slugs.derive("日本語のブログ")).isEqualTo("日本語のブログ");
        assertThat(Slugs.derive("Привет, мир!")).isEqualTo("привет-мир");
        assertThat(Slugs.derive("Ελληνικά and English")).isEqualTo("ελληνικά-and-english");
        // A vowel sign is part of a Devanagari word, not an accent to drop.
        assertThat(Slugs.derive("हिन्दी ब्लॉग")).isEqualTo("हिन्दी-ब्लॉग");
        assertThat(Slugs.derive("Ωmega café")).isEqualTo("ωmega-cafe");
    }

    @Test
    void aLongTitleInAnotherScriptIsCutByCodePoints() {
        String slug = Slugs.derive("𠀀𠀁𠀂 ".repeat(30));
        assertThat(slug.codePointCount(0, slug.length())).isLessThanOrEqualTo(Slugs.MAX);
        assertThat(Character.isHighSurrogate(slug.charAt(slug.length() - 1))).isFalse();
    }

    @Test
    void longTitlesAreCutAtAWordBoundaryCharacter() {
        String slug = Slugs.derive("word ".repeat(40));
        assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX);
        assertThat(slug).doesNotEndWith("-").startsWith("word-word");
    }
}
