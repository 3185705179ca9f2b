package io.inkstream.query.thread;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where replies stand in a thread, apart from how it is stored: each reply's depth and the
 * reply it shows under, the pages that list a thread's replies in the order they came, and the
 * count a reader sees. The projection reads what this needs, asks it, and writes the answer.
 */
final class ThreadLayout {

    /** The deepest level a thread shows; deeper answers are accepted and shown at this level. */
    static final int MAX_DEPTH = 50;
    /** Reply ids on a page; every page before a thread's last is full. */
    static final int PAGE_SIZE = 100;

    private ThreadLayout() {
    }

    /** Where a reply stands: its depth, and the reply it is shown under (none at the top). */
    record Place(int depth, String shownUnder) {
        static final Place TOP = new Place(0, null);
    }

    /**
     * The places of replies added in this order (each id with its parent's id, or null): under
     * the parent, one level deeper, down to {@link #MAX_DEPTH}, and beside the parent past that.
     * A parent added earlier in the same order counts, as do the stored ones in {@code stored};
     * an answer to a parent neither holds stands at the top.
     */
    static Map<String, Place> place(Map<String, String> parents, Map<String, Place> stored) {
        Map<String, Place> places = new HashMap<>(stored);
        Map<String, Place> placed = new HashMap<>();
        parents.forEach((id, parentId) -> {
            Place parent = parentId == null ? null : places.get(parentId);
            Place place = parent == null ? Place.TOP
                    : new Place(Math.min(parent.depth() + 1, MAX_DEPTH),
                            parent.depth() < MAX_DEPTH ? parentId : parent.shownUnder());
            places.put(id, place);
            placed.put(id, place);
        });
        return placed;
    }

    /** What adding replies does to a thread: the ids each page gains, its last page, how many it lists. */
    record Appended(Map<Integer, List<String>> pages, int last, long listed) {
    }

    /**
     * Appends to a thread the {@code ids} it does not list yet, in order. {@code pages} are the
     * thread's pages from {@code first} on (every page before {@code first} is full): each id
     * goes on the last page, or a new one after it once that is full. Appending ids a thread
     * lists already changes nothing, so a batch delivered twice is laid out once.
     */
    static Appended append(int first, NavigableMap<Integer, ? extends Collection<String>> pages,
            Collection<String> ids) {
        Set<String> listed = new HashSet<>();
        pages.values().forEach(listed::addAll);
        int last = pages.isEmpty() ? first : pages.lastKey();
        int onLast = pages.isEmpty() ? 0 : new LinkedHashSet<>(pages.get(last)).size();
        Map<Integer, List<String>> gained = new TreeMap<>();
        for (String id : ids) {
            if (!listed.add(id)) {
                continue;
            }
            if (onLast >= PAGE_SIZE) {
                last++;
                onLast = 0;
            }
            gained.computeIfAbsent(last, n -> new ArrayList<>()).add(id);
            onLast++;
        }
        long count = pages.isEmpty() && gained.isEmpty() ? 0 : (long) last * PAGE_SIZE + onLast;
        return new Appended(gained, last, count);
    }

    /**
     * How many replies a thread has removed: {@code before} as stored when no removal comes,
     * else the stored removed ids with the {@code gone} ones, each once, so a removal told twice
     * counts once.
     */
    static long removed(long before, Collection<String> removedIds, Collection<String> gone) {
        if (gone.isEmpty()) {
            return before;
        }
        Set<String> all = new HashSet<>(removedIds);
        all.addAll(gone);
        return all.size();
    }

    /**
     * Which of the replies added in this order (each id with its parent's id, or null) no reader
     * sees yet: the {@code held} ones, and those under a reply not seen, which wait for it
     * ({@code waiting}: parent id to its answers). {@code storedShown} says which stored parents
     * readers see; a parent neither added here nor stored is taken as seen.
     */
    static Hidden hide(Map<String, String> parents, Set<String> held, Map<String, Boolean> storedShown) {
        Set<String> hidden = new LinkedHashSet<>();
        Map<String, List<String>> waiting = new HashMap<>();
        parents.forEach((id, parentId) -> {
            if (held.contains(id)) {
                hidden.add(id);
            } else if (parentId != null && (hidden.contains(parentId)
                    || (!parents.containsKey(parentId) && !storedShown.getOrDefault(parentId, true)))) {
                hidden.add(id);
                waiting.computeIfAbsent(parentId, p -> new ArrayList<>()).add(id);
            }
        });
        return new Hidden(hidden, waiting);
    }

    /** Replies no reader sees yet, and the answers waiting for each hidden parent. */
    record Hidden(Set<String> hidden, Map<String, List<String>> waiting) {
    }

    /**
     * A thread's hidden replies after a batch: those before, with the batch's hidden ones, less
     * the ones it removed or showed (a removed reply counts as removed, never as hidden too).
     */
    static Set<String> hiddenAfter(Collection<String> before, Collection<String> hidden, Collection<String> removed,
            Collection<String> shown) {
        Set<String> after = new LinkedHashSet<>(before);
        after.addAll(hidden);
        after.removeAll(removed);
        after.removeAll(shown);
        return after;
    }

    /** The count a reader sees: every reply listed, less the removed and the hidden ones. */
    static long shown(long listed, long removed, long hidden) {
        return listed - removed - hidden;
    }
}
