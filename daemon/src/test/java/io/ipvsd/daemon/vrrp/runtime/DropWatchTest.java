package io.ipvsd.daemon.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.vrrp.DropReason;
import io.ipvsd.ipvs.Endpoints;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropWatchTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InetAddress PEER = Endpoints.parseAddress("192.0.2.22");

    @Test
    void oneAdvertWithOtherSettingsIsASplitBrainWarningForAMinute() {
        DropWatch w = new DropWatch();
        assertTrue(w.dropped(PEER, DropReason.AUTH_PASSWORD, 0), "the first drop is logged");
        assertFalse(w.dropped(PEER, DropReason.AUTH_PASSWORD, SECOND), "repeats are not logged for a minute");
        String warning = "192.0.2.22 advertises VRID 98 on ens192 with adverts this node drops (auth_password):"
                + " both nodes may be master";
        assertEquals(List.of(warning), w.warnings(98, "ens192", SECOND));
        assertEquals(List.of(warning), w.warnings(98, "ens192", 60 * SECOND));
        assertEquals(Map.of(DropReason.AUTH_PASSWORD, 2L), w.counts());
        assertEquals(List.of(), w.warnings(98, "ens192", 62 * SECOND), "a peer that stopped is no warning");
        assertTrue(w.dropped(PEER, DropReason.AUTH_PASSWORD, 63 * SECOND), "logged again after a minute");
    }

    @Test
    void checksumErrorsMustRepeatBeforeTheyAreAWarning() {
        DropWatch w = new DropWatch();
        w.dropped(PEER, DropReason.CHECKSUM, 0);
        w.dropped(PEER, DropReason.CHECKSUM, SECOND);
        assertEquals(List.of(), w.warnings(98, "ens192", SECOND));
        w.dropped(PEER, DropReason.CHECKSUM, 2 * SECOND);
        assertEquals(1, w.warnings(98, "ens192", 2 * SECOND).size());
        assertEquals(List.of(), w.warnings(98, "ens192", 13 * SECOND), "noise that stopped is no warning");
    }

    @Test
    void malformedPacketsAreCountedButAreNoSplitBrain() {
        DropWatch w = new DropWatch();
        for (int i = 0; i < 5; i++) {
            w.dropped(PEER, DropReason.MALFORMED, i);
        }
        assertEquals(Map.of(DropReason.MALFORMED, 5L), w.counts());
        assertEquals(List.of(), w.warnings(98, "ens192", 5));
    }
}
