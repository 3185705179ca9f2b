package io.inkstream.api.post;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags match case-insensitively everywhere (lists, feeds), and a post shows each as its author
 * spelled it first. A tag's key is what matching compares: its Unicode compatibility form,
 * blanks stripped and runs of them made one space, in lower case.
 */
public final class Tags {

    private Tags() {
    }

    public static String key(String tag) {
        return Normalizer.normalize(tag, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The tags as given, stripped, each key once (its first spelling kept). */
    public static List<String> distinct(List<String> tags) {
        Map<String, String> byKey = new LinkedHashMap<>();
        if (tags != null) {
            for (String tag : tags) {
                byKey.putIfAbsent(key(tag), tag.strip());
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The keys of these tags, in order, each once. */
    public static List<String> keys(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(Tags::key).distinct().toList();
    }
}
