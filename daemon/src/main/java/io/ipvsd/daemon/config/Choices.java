package io.ipvsd.daemon.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Word lists for {@link Value#oneOf(Map)}, kept in the order they are listed in messages. */
final class Choices {
    private Choices() {
    }

    static Map<String, String> words(Collection<String> words) {
        Map<String, String> choices = new LinkedHashMap<>();
        words.forEach(word -> choices.put(word, word));
        return choices;
    }
}
