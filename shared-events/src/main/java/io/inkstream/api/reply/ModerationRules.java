package io.inkstream.api.reply;

import io.inkstream.api.Refusal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What holds a reply for moderation whatever the mode: more links than {@code maxLinks} (null:
 * any number), a blocked word (whole word, case-insensitive), a blocked email (exact, or a whole
 * domain written {@code @example.com}). Checking a reply reads its body once, however many words
 * are blocked: the cost is linear in the body.
 */
public record ModerationRules(Integer maxLinks, List<String> blockedWords, List<String> blockedEmails) {

    public static final ModerationRules NONE = new ModerationRules(null, List.of(), List.of());
    /** The most blocked words or emails a rule set holds. */
    public static final int MAX_ENTRIES = 1_000;
    public static final int MAX_WORD = 100;
    public static final int MAX_EMAIL = 254;

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*");

    public ModerationRules {
        blockedWords = blockedWords == null ? List.of() : List.copyOf(new LinkedHashSet<>(blockedWords.stream().filter(Objects::nonNull)
                .map(w -> w.strip().toLowerCase(Locale.ROOT)).toList()));
        blockedEmails = blockedEmails == null ? List.of() : List.copyOf(new LinkedHashSet<>(blockedEmails.stream().filter(Objects::nonNull)
                .map(ModerationRules::email).toList()));
    }

    /** Why these rules hold a reply with this body and email: empty if they do not. */
    public List<String> reasons(String body, String email) {
        List<String> reasons = new ArrayList<>();
        String text = body == null ? "" : body;
        if (maxLinks != null) {
            int links = count(LINK.matcher(text));
            if (links > maxLinks) {
                reasons.add("maxLinks: " + links + " links, at most " + maxLinks);
            }
        }
        if (!blockedWords.isEmpty()) {
            Set<String> blocked = new HashSet<>(blockedWords);
            Set<String> found = new LinkedHashSet<>();
            Matcher words = WORD.matcher(text);
            while (words.find()) {
                String word = words.group().toLowerCase(Locale.ROOT);
                if (blocked.contains(word)) {
                    found.add(word);
                }
            }
            found.forEach(word -> reasons.add("blockedWords: " + word));
        }
        if (email != null && !blockedEmails.isEmpty()) {
            String address = email(email);
            int at = address.lastIndexOf('@');
            if (blockedEmails.contains(address) || (at >= 0 && blockedEmails.contains(address.substring(at)))) {
                reasons.add("blockedEmails");
            }
        }
        return reasons;
    }

    /** What is wrong with these rules, field by field; empty if nothing. */
    public List<Refusal.FieldError> problems() {
        List<Refusal.FieldError> problems = new ArrayList<>();
        if (maxLinks != null && maxLinks < 0) {
            problems.add(new Refusal.FieldError("maxLinks", "must be 0 or more, or null for any number"));
        }
        if (blockedWords.size() > MAX_ENTRIES) {
            problems.add(new Refusal.FieldError("blockedWords", "holds at most " + MAX_ENTRIES + " words"));
        }
        if (blockedWords.stream().anyMatch(w -> w.isEmpty() || w.length() > MAX_WORD || !WORD.matcher(w).matches())) {
            problems.add(new Refusal.FieldError("blockedWords", "each is one word of letters and digits, 1 to " + MAX_WORD
                    + " characters"));
        }
        if (blockedEmails.size() > MAX_ENTRIES) {
            problems.add(new Refusal.FieldError("blockedEmails", "holds at most " + MAX_ENTRIES + " addresses"));
        }
        if (blockedEmails.stream().anyMatch(e -> e.length() > MAX_EMAIL || !e.contains("@") || e.equals("@"))) {
            problems.add(new Refusal.FieldError("blockedEmails", "each is an address, or a domain written @example.com"));
        }
        return problems;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** An email as rules compare it: stripped, in lower case. */
    static String email(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
