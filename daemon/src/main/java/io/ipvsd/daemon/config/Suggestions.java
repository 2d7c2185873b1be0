package io.ipvsd.daemon.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelt keys: the closest known word within two edits. */
final class Suggestions {
    private static final int MAX_EDITS = 2;

    private Suggestions() {
    }

    static Optional<String> closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String candidate : known) {
            int distance = editDistance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean "x"?)" for the closest known word, or "" when none is close. */
    static String didYouMean(String word, Collection<String> known) {
        return closest(word, known).map(suggestion -> " (did you mean \"" + suggestion + "\"?)").orElse("");
    }

    /** Levenshtein distance. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
