package io.ipvsd.genl;

import java.io.IOException;

/** The kernel has no generic netlink family of that name (module not loaded or not built). */
public class FamilyNotFoundException extends IOException {
    private final String family;

    public FamilyNotFoundException(String family, String hint) {
        super("kernel has no generic netlink family " + family + (hint == null ? "" : ": " + hint));
        this.family = family;
    }

    public String family() {
        return family;
    }
}
