package io.ipvsd.cli.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** keepalived's value syntaxes (timers in decimal seconds, numbers, booleans, command lines). */
final class KeepalivedValues {
    private KeepalivedValues() {
    }

    /** A timer in seconds with up to 6 decimals, as milliseconds; null (reported) when invalid. */
    static Long timerMs(ConfLine l, int index, Diagnostics d) {
        String s = l.word(index);
        if (s == null) {
            d.add(l, "missing value; keepalived ignores the keyword");
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(s);
            if (seconds.signum() < 0) {
                throw new NumberFormatException();
            }
            BigDecimal ms = seconds.movePointRight(3);
            if (ms.stripTrailingZeros().scale() > 0) {
                d.add(l, s + " s: ipvsd durations are whole milliseconds; rounded");
            }
            return ms.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            d.add(l, "'" + s + "' invalid - keepalived ignores it");
            return null;
        }
    }

    /** An integer in min..max; null (reported as keepalived ignores it) when not. */
    static Long number(ConfLine l, int index, long min, long max, Diagnostics d) {
        String s = l.word(index);
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            d.add(l, "'" + s + "' is not an integer in " + min + ".." + max + " - keepalived ignores it");
            return null;
        }
    }

    /** keepalived's check_true_false(): true/on/yes, false/off/no; anything else counts as true. */
    static boolean truth(String s) {
        return !(s.equalsIgnoreCase("false") || s.equalsIgnoreCase("off") || s.equalsIgnoreCase("no"));
    }

    /** misc_path / notify "script args" as argv: the words after the keyword, one string split at blanks. */
    static List<String> commandWords(ConfLine l) {
        List<String> argv = new ArrayList<>();
        for (int i = 1; i < l.words().size(); i++) {
            for (String w : l.word(i).trim().split("[ \t]+")) {
                if (!w.isEmpty()) {
                    argv.add(w);
                }
            }
        }
        return argv;
    }

    /** "200", "200-299" as the codes they name (100..599 as ipvsd allows). */
    static List<String> statusCodes(ConfLine l, String word, Diagnostics d) {
        List<String> codes = new ArrayList<>();
        for (String part : word.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] range = part.split("-", 2);
            try {
                int lo = Integer.parseInt(range[0]);
                int hi = range.length == 2 ? Integer.parseInt(range[1]) : lo;
                if (lo < 100 || hi > 599 || lo > hi) {
                    throw new NumberFormatException();
                }
                for (int c = lo; c <= hi; c++) {
                    codes.add(Integer.toString(c));
                }
            } catch (NumberFormatException e) {
                d.add(l, "status code '" + part + "' invalid - keepalived ignores it");
            }
        }
        return codes;
    }
}
