package io.inkstream.query.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.query.thread.ThreadLayout.Appended;
import io.inkstream.query.thread.ThreadLayout.Place;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The thread's layout alone: no MongoDB, no Axon. */
class ThreadLayoutTest {

    static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r-" + i).toList();
    }

    @Test
    void anAnswerStandsUnderItsParentOneLevelDeeper() {
        Map<String, String> parents = new LinkedHashMap<>();
        parents.put("a", null);
        parents.put("b", "a");
        parents.put("c", "b");
        parents.put("d", "stored");
        Map<String, Place> places = ThreadLayout.place(parents, Map.of("stored", new Place(3, "s2")));
        assertThat(places).containsEntry("a", Place.TOP).containsEntry("b", new Place(1, "a"))
                .containsEntry("c", new Place(2, "b")).containsEntry("d", new Place(4, "stored"));
    }

    @Test
    void pastTheDeepestLevelAnAnswerStandsBesideItsParent() {
        Map<String, String> parents = new LinkedHashMap<>();
        parents.put("deep", "bottom");
        parents.put("deeper", "deep");
        Map<String, Place> places = ThreadLayout.place(parents,
                Map.of("bottom", new Place(ThreadLayout.MAX_DEPTH - 1, "above")));
        assertThat(places.get("deep")).isEqualTo(new Place(ThreadLayout.MAX_DEPTH, "bottom"));
        assertThat(places.get("deeper")).isEqualTo(new Place(ThreadLayout.MAX_DEPTH, "bottom"));
    }

    @Test
    void anAnswerToAParentNeverSeenStandsAtTheTop() {
        Map<String, String> parents = new LinkedHashMap<>();
        parents.put("orphan", "ghost");
        assertThat(ThreadLayout.place(parents, Map.of())).containsEntry("orphan", Place.TOP);
    }

    @Test
    void repliesFillTheLastPageThenStartTheNext() {
        NavigableMap<Integer, List<String>> pages = new TreeMap<>(Map.of(2, ids(200, 290)));
        Appended appended = ThreadLayout.append(2, pages, ids(290, 315));
        assertThat(appended.pages()).containsOnlyKeys(2, 3);
        assertThat(appended.pages().get(2)).isEqualTo(ids(290, 300));
        assertThat(appended.pages().get(3)).isEqualTo(ids(300, 315));
        assertThat(appended.last()).isEqualTo(3);
        assertThat(appended.listed()).isEqualTo(315);
    }

    @Test
    void appendingWhatIsListedChangesNothing() {
        NavigableMap<Integer, List<String>> pages = new TreeMap<>(Map.of(0, ids(0, 40)));
        Appended again = ThreadLayout.append(0, pages, ids(30, 40));
        assertThat(again.pages()).isEmpty();
        assertThat(again.last()).isZero();
        assertThat(again.listed()).isEqualTo(40);
    }

    @Test
    void anEmptyThreadStartsOnItsFirstPage() {
        assertThat(ThreadLayout.append(0, new TreeMap<>(), List.of())).isEqualTo(new Appended(Map.of(), 0, 0));
        Appended first = ThreadLayout.append(0, new TreeMap<>(), List.of("a", "b", "a"));
        assertThat(first.pages()).isEqualTo(Map.of(0, List.of("a", "b")));
        assertThat(first.listed()).isEqualTo(2);
    }

    @Test
    void aBatchLaidOutTwiceIsLaidOutAsOnce() {
        NavigableMap<Integer, List<String>> pages = new TreeMap<>(Map.of(0, ids(0, 95)));
        Appended once = ThreadLayout.append(0, pages, ids(95, 110));
        NavigableMap<Integer, List<String>> after = new TreeMap<>(pages);
        once.pages().forEach((n, added) -> {
            List<String> page = new ArrayList<>(after.getOrDefault(n, List.of()));
            page.addAll(added);
            after.put(n, page);
        });
        Appended twice = ThreadLayout.append(0, after, ids(95, 110));
        assertThat(twice.pages()).isEmpty();
        assertThat(twice.last()).isEqualTo(once.last());
        assertThat(twice.listed()).isEqualTo(once.listed());
    }

    @Test
    void aRemovalToldTwiceCountsOnce() {
        assertThat(ThreadLayout.removed(5, List.of(), Set.of())).isEqualTo(5);
        assertThat(ThreadLayout.removed(2, List.of("a", "b"), Set.of("b", "c"))).isEqualTo(3);
        assertThat(ThreadLayout.shown(120, 3, 0)).isEqualTo(117);
        assertThat(ThreadLayout.shown(120, 3, 7)).isEqualTo(110);
    }

    @Test
    void aHeldReplyAndEveryAnswerUnderItAreHiddenAndWaitForIt() {
        Map<String, String> parents = new LinkedHashMap<>();
        parents.put("held", null);
        parents.put("answer", "held");
        parents.put("deeper", "answer");
        parents.put("free", null);
        parents.put("underStoredHidden", "stored-held");
        parents.put("underStoredShown", "stored-shown");
        ThreadLayout.Hidden hidden = ThreadLayout.hide(parents, Set.of("held"),
                Map.of("stored-held", false, "stored-shown", true));
        assertThat(hidden.hidden()).containsExactly("held", "answer", "deeper", "underStoredHidden");
        assertThat(hidden.waiting()).containsOnly(Map.entry("held", List.of("answer")),
                Map.entry("answer", List.of("deeper")), Map.entry("stored-held", List.of("underStoredHidden")));
    }

    @Test
    void aRemovedOrShownReplyIsNoLongerCountedHiddenAndTellingItTwiceChangesNothing() {
        Set<String> once = ThreadLayout.hiddenAfter(List.of("a", "b", "c"), Set.of("d"), Set.of("b"), Set.of("c"));
        assertThat(once).containsExactly("a", "d");
        assertThat(ThreadLayout.hiddenAfter(once, Set.of("d"), Set.of("b"), Set.of("c"))).isEqualTo(once);
    }
}
