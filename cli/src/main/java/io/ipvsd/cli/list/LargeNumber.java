package io.ipvsd.cli.list;

/** ipvsadm's print_largenum: counters in a 9-character column, scaled with K/M/G/T unless exact. */
final class LargeNumber {
    private LargeNumber() {
    }

    /** @param value an unsigned 64-bit counter */
    static String format(long value, boolean exact) {
        String digits = Long.toUnsignedString(value);
        if (exact) {
            return pad(digits, digits.length() <= 8 ? 9 : digits.length() + 1);
        }
        if (below(value, 100_000_000L)) {
            return pad(digits, 9);
        }
        if (below(value, 1_000_000_000L)) {
            return scaled(value, 1_000L, 'K');
        }
        if (below(value, 100_000_000_000L)) {
            return scaled(value, 1_000_000L, 'M');
        }
        if (below(value, 100_000_000_000_000L)) {
            return scaled(value, 1_000_000_000L, 'G');
        }
        return scaled(value, 1_000_000_000_000L, 'T');
    }

    private static boolean below(long value, long limit) {
        return Long.compareUnsigned(value, limit) < 0;
    }

    private static String scaled(long value, long unit, char suffix) {
        return pad(Long.toUnsignedString(Long.divideUnsigned(value, unit)), 8) + suffix;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
