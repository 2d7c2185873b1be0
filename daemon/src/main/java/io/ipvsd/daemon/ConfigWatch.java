package io.ipvsd.daemon;

/**
 * When a change of the config file may be loaded. An editor that truncates and then writes, or a
 * copy in progress, shows the daemon a short or empty file for a moment: a change is loaded only
 * once the file has kept the same stamp on two polls at least {@link #SETTLE_MILLIS} apart, and an
 * empty file is never loaded from a change (only when the operator asks for a reload).
 */
final class ConfigWatch {
    static final long SETTLE_MILLIS = 1_000;

    enum Verdict {
        /** The file is the one last loaded (or tried). */
        UNCHANGED,
        /** Changed, but not stable for long enough yet. */
        SETTLING,
        /** Changed and stable: load it. */
        SETTLED,
        /** Changed, stable and empty: reported once, then SETTLING until it changes again. */
        EMPTY
    }

    private FileStamp current;
    private FileStamp seen;
    private long seenSince;
    private boolean emptyReported;

    ConfigWatch(FileStamp loaded) {
        this.current = loaded;
    }

    Verdict poll(FileStamp now, long nowMillis) {
        if (now.equals(current)) {
            seen = null;
            return Verdict.UNCHANGED;
        }
        if (!now.equals(seen)) {
            seen = now;
            seenSince = nowMillis;
            emptyReported = false;
            return Verdict.SETTLING;
        }
        if (nowMillis - seenSince < SETTLE_MILLIS) {
            return Verdict.SETTLING;
        }
        if (now.size() == 0) {
            if (emptyReported) {
                return Verdict.SETTLING;
            }
            emptyReported = true;
            return Verdict.EMPTY;
        }
        return Verdict.SETTLED;
    }

    /** This version of the file was loaded or refused: it is not a change any more. */
    void loaded(FileStamp stamp) {
        current = stamp;
        seen = null;
    }
}
