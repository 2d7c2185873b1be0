package io.ipvsd.ipvs;

import java.util.Optional;

/** The schedulers of the 6.1 kernel (ip_vs_*.ko). The kernel names them by string. */
public enum Scheduler {
    RR, WRR, LC, WLC, LBLC, LBLCR, DH, SH, SED, NQ, FO, OVF, MH;

    /** The kernel's name, e.g. "wlc". */
    public String kernelName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Scheduler> of(String kernelName) {
        for (Scheduler s : values()) {
            if (s.kernelName().equals(kernelName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
