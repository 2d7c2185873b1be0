package io.ipvsd.nft;

import io.ipvsd.nft.expr.Bytes;
import java.util.Comparator;

/**
 * One element of a set. In an interval set an element without {@link #INTERVAL_END} opens a
 * range and the next one with it closes the range, exclusive.
 */
public record SetElement(Bytes key, int flags) implements Comparable<SetElement> {
    public static final int INTERVAL_END = 0x1;

    private static final Comparator<SetElement> ORDER =
            Comparator.comparing(SetElement::key).thenComparingInt(SetElement::flags);

    public static SetElement of(Bytes key) {
        return new SetElement(key, 0);
    }

    public boolean intervalEnd() {
        return (flags & INTERVAL_END) != 0;
    }

    @Override
    public int compareTo(SetElement o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return key.hex() + (intervalEnd() ? " end" : "");
    }
}
