package io.ipvsd.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.cli.Ipvsctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line of `ipvsctl doctor` (the checks themselves: DiagnosisTest; the live system: the VM test). */
class DoctorCommandTest {
    @Test
    void aNegativeCounterWaitIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(new FakeIpvsAccess()).execute(new String[] {"doctor", "--counter-wait", "-1"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(Ipvsctl.EXIT_USAGE, code);
        assertEquals("ipvsctl: --counter-wait: -1.0: not a number of seconds 0..3600\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownNamespaceIsNamed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(new FakeIpvsAccess()).execute(new String[] {"doctor", "--netns", "no-such-ns-doctor"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(Ipvsctl.EXIT_FAILURE, code);
        assertEquals("ipvsctl: /run/netns/no-such-ns-doctor: no such network namespace\n", err.toString(StandardCharsets.UTF_8));
    }
}
