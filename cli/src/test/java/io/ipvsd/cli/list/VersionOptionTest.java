package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.daemon.Version;
import org.junit.jupiter.api.Test;

/** `ipvsctl --version` names the program and the version of the build (the jar's manifest). */
class VersionOptionTest {
    @Test
    void versionLineNamesIpvsctl() {
        for (String option : new String[] {"--version", "-V"}) {
            Run r = Run.of(new FakeIpvsAccess(), option);
            assertEquals(0, r.code(), r.err());
            assertEquals("ipvsctl " + Version.number() + "\n", r.out());
        }
    }
}
