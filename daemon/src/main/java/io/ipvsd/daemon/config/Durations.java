package io.ipvsd.daemon.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration strings: a number and a unit, possibly repeated ("500ms", "5s", "2m", "1h30m"). */
final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern NEGATIVE = Pattern.compile("-\\d.*");
    private static final Pattern FRACTION = Pattern.compile("(\\d+)\\.(\\d+)(ms|s|m|h)");
    private static final String EXPECTED = "expected a number with unit ms, s, m or h, like \"500ms\", \"5s\", \"2m\", \"1h30m\"";

    private Durations() {
    }

    static Optional<Duration> parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
            return Optional.of(total);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** Why {@link #parse} refuses the text, in the words of the rule it breaks when it breaks one. */
    static String problem(String text) {
        if (NEGATIVE.matcher(text).matches()) {
            return "durations are never negative";
        }
        Matcher fraction = FRACTION.matcher(text);
        if (fraction.matches()) {
            return "no fractions" + inSmallerUnit(fraction);
        }
        return EXPECTED;
    }

    /** A float written as seconds (TOML 1.5): the same rule as "1.5s". */
    static String fractionOfSeconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return EXPECTED;
        }
        if (seconds < 0) {
            return "durations are never negative";
        }
        Matcher asText = FRACTION.matcher(java.math.BigDecimal.valueOf(seconds).toPlainString() + "s");
        return "no fractions" + (asText.matches() ? inSmallerUnit(asText) : "");
    }

    /** "; write \"1500ms\"" for 1.5s, when a smaller unit holds it exactly. */
    private static String inSmallerUnit(Matcher fraction) {
        long unitMillis = switch (fraction.group(3)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        try {
            java.math.BigDecimal millis = new java.math.BigDecimal(fraction.group(1) + "." + fraction.group(2))
                    .multiply(java.math.BigDecimal.valueOf(unitMillis));
            return millis.stripTrailingZeros().scale() <= 0 ? "; write \"" + millis.toBigIntegerExact() + "ms\"" : "";
        } catch (ArithmeticException e) {
            return "";
        }
    }

    /** Text for messages, in units {@link #parse} reads back: whole seconds, else milliseconds. */
    static String format(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        return duration.toSeconds() + "s";
    }
}
