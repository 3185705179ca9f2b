package io.inkstream.api.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.api.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModerationRulesTest {

    static final ModerationRules RULES = new ModerationRules(2, List.of("Casino", "viagra"),
            List.of("Spammer@Example.com", "@junk.example"));

    @Test
    void noRulesHoldNothing() {
        assertThat(ModerationRules.NONE.reasons("Buy at https://a.example https://b.example https://c.example",
                "spammer@example.com")).isEmpty();
    }

    @Test
    void moreLinksThanAllowedHold() {
        assertThat(RULES.reasons("See https://a.example and http://b.example", null)).isEmpty();
        assertThat(RULES.reasons("See https://a.example, HTTP://b.example and www.c.example", null))
                .containsExactly("maxLinks: 3 links, at most 2");
        assertThat(new ModerationRules(0, null, null).reasons("[x](https://a.example)", null)).hasSize(1);
    }

    @Test
    void blockedWordsHoldAsWholeWordsWhateverTheirCase() {
        assertThat(RULES.reasons("Best CASINO! Try viagra.", null))
                .containsExactly("blockedWords: casino", "blockedWords: viagra");
        assertThat(RULES.reasons("Casinos and casinoroyale are other words", null)).isEmpty();
        assertThat(RULES.reasons("casino casino casino", null)).containsExactly("blockedWords: casino");
    }

    @Test
    void blockedEmailsHoldByAddressOrDomain() {
        assertThat(RULES.reasons("Hello", " SPAMMER@example.com ")).containsExactly("blockedEmails");
        assertThat(RULES.reasons("Hello", "anyone@JUNK.example")).containsExactly("blockedEmails");
        assertThat(RULES.reasons("Hello", "anyone@example.com")).isEmpty();
        assertThat(RULES.reasons("Hello", "someone@notjunk.example")).isEmpty();
        assertThat(RULES.reasons("Hello", null)).isEmpty();
    }

    @Test
    void everyRuleBrokenIsNamed() {
        assertThat(RULES.reasons("casino https://a https://b https://c", "x@junk.example"))
                .containsExactly("maxLinks: 3 links, at most 2", "blockedWords: casino", "blockedEmails");
    }

    @Test
    void badRulesAreFieldErrors() {
        assertThat(RULES.problems()).isEmpty();
        assertThat(new ModerationRules(-1, List.of("two words"), List.of("nobody")).problems())
                .extracting(Refusal.FieldError::field).containsExactly("maxLinks", "blockedWords", "blockedEmails");
        assertThat(new ModerationRules(null, java.util.stream.IntStream.range(0, 1_001).mapToObj(i -> "w" + i).toList(),
                null).problems()).extracting(Refusal.FieldError::field).containsExactly("blockedWords");
    }

    /** A long body with many blocked words costs one pass: no pattern per word. */
    @Test
    void aLongBodyIsReadOnce() {
        List<String> words = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "word" + i).toList();
        ModerationRules many = new ModerationRules(null, words, null);
        String body = "plain ".repeat(1_600) + "word999";
        assertThat(many.reasons(body, null)).containsExactly("blockedWords: word999");
    }
}
