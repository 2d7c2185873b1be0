package io.ipvsd.daemon.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Immutable enum sets that iterate in declaration order, so plans and logs are deterministic. */
final class EnumSets {
    private EnumSets() {
    }

    static <E extends Enum<E>> Set<E> copyOf(Class<E> type, Set<E> elements) {
        EnumSet<E> copy = EnumSet.noneOf(type);
        copy.addAll(elements);
        return Collections.unmodifiableSet(copy);
    }
}
