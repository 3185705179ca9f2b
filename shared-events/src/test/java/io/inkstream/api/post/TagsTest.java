package io.inkstream.api.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void spellingsOfOneTagShareItsKey() {
        assertThat(Tags.key("Social Learning")).isEqualTo("social learning");
        assertThat(Tags.key("  SOCIAL \t learning ")).isEqualTo("social learning");
        assertThat(Tags.key("Ｌｅａｒｎｉｎｇ")).isEqualTo("learning");
        assertThat(Tags.key("Éducation")).isEqualTo(Tags.key("éducation"));
        assertThat(Tags.key("Обучение")).isEqualTo("обучение");
        assertThat(Tags.key("HR")).isNotEqualTo(Tags.key("H R"));
    }

    @Test
    void aPostKeepsTheFirstSpellingOfEachTag() {
        assertThat(Tags.distinct(List.of(" Learning ", "HR", "learning", "LEARNING", "hr", "Social media")))
                .containsExactly("Learning", "HR", "Social media");
        assertThat(Tags.distinct(null)).isEmpty();
        assertThat(Tags.keys(List.of("Learning", "learning", "HR"))).containsExactly("learning", "hr");
    }
}
