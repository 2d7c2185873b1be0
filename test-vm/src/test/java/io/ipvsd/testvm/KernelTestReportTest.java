package io.ipvsd.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTestReportTest {

    private static final String PASSING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="JUnit Jupiter" tests="3" skipped="1" failures="0" errors="0" time="1.5">
              <testcase name="a()" classname="io.ipvsd.kerneltest.ATest" time="0.5"/>
              <testcase name="b()" classname="io.ipvsd.kerneltest.ATest" time="1.0"/>
              <testcase name="c()" classname="io.ipvsd.kerneltest.ATest" time="0"><skipped/></testcase>
            </testsuite>
            """;

    private static final String FAILING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="JUnit Jupiter" tests="3" skipped="0" failures="1" errors="1" time="2.0">
              <testcase name="a()" classname="io.ipvsd.kerneltest.ATest" time="0.5"/>
              <testcase name="b()" classname="io.ipvsd.kerneltest.ATest" time="1.0">
                <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="AssertionFailedError">trace</failure>
              </testcase>
              <testcase name="c()" classname="io.ipvsd.kerneltest.ATest" time="0.5">
                <error message="boom&#10;--- stdout:&#10;details" type="IllegalStateException">trace</error>
              </testcase>
            </testsuite>
            """;

    @TempDir
    Path out;

    @Test
    void passingRunPrintsTheSummaryAndTimes() throws IOException {
        status("completed", 0);
        report(PASSING);

        Result result = judge();

        assertEquals(0, result.status, result.output);
        assertTrue(result.output.contains("\nKernel-tests: 2 passed, 0 failed, 1 skipped\n"), result.output);
        assertTrue(result.output.contains("Kernel test VM: boot 3.8 s (attempt 1, tcg, 2 vCPUs), "
                + "test JVM 9.5 s (host clock 9.7 s) of which tests 1.5 s"), result.output);
    }

    @Test
    void aGuestClockThatLeaptFailsTheRunAndSaysSo() throws IOException {
        status("completed", 0, "462019.9", "1210.4");
        report(PASSING);

        Result result = judge();

        assertEquals(1, result.status, result.output);
        assertTrue(result.output.contains("Kernel tests FAILED: the VM's clock leapt forward: it counted 462019.9 s"
                + " where the host's counted 1210.4 s, so timeouts inside fired early"), result.output);
    }

    @Test
    void aGuestClockWithinTheMarginOfTheHostsPasses() throws IOException {
        status("completed", 0, "39.6", "9.7");
        report(PASSING);

        assertEquals(0, judge().status);
    }

    @Test
    void aSuiteOfOverAThousandSecondsIsReadWithItsGroupingComma() throws IOException {
        status("completed", 0);
        report(PASSING.replace("time=\"1.5\"", "time=\"1,479.577\""));

        Result result = judge();

        assertEquals(0, result.status, result.output);
        assertTrue(result.output.contains("\nKernel-tests: 2 passed, 0 failed, 1 skipped\n"), result.output);
        assertTrue(result.output.contains("of which tests 1479.6 s"), result.output);
    }

    @Test
    void failuresAndErrorsFailTheBuildAndAreNamed() throws IOException {
        status("completed", 1);
        report(FAILING);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("\nKernel-tests: 1 passed, 2 failed, 0 skipped\n"), result.output);
        assertTrue(result.output.contains(
                "Kernel test failed: io.ipvsd.kerneltest.ATest.b(): expected: <1> but was: <2>"), result.output);
        assertTrue(result.output.contains("Kernel test failed: io.ipvsd.kerneltest.ATest.c(): boom\n"
                + "    | --- stdout:\n    | details\n"), result.output);
        assertTrue(result.output.contains("Kernel tests FAILED: 2 kernel test(s) failed"), result.output);
        assertFalse(result.output.contains("exited with status"), result.output);
    }

    @Test
    void noTestRunFails() throws IOException {
        status("completed", 0);
        report("<testsuite name=\"JUnit Jupiter\" tests=\"0\" skipped=\"0\" failures=\"0\" errors=\"0\" time=\"0\"/>");

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("Kernel-tests: 0 passed, 0 failed, 0 skipped"), result.output);
        assertTrue(result.output.contains("Kernel tests FAILED: no kernel test ran"), result.output);
    }

    @Test
    void missingReportFails() throws IOException {
        status("completed", 0);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("Kernel tests FAILED: no JUnit XML report"), result.output);
    }

    @Test
    void timedOutVmFailsEvenWithPassingReports() throws IOException {
        status("timeout", 124);
        report(PASSING);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("Kernel tests FAILED: the VM timed out"), result.output);
    }

    @Test
    void bootFailureFails() throws IOException {
        status("boot-failure", 125);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("Kernel tests FAILED: the VM failed to boot"), result.output);
    }

    @Test
    void nonZeroExitWithoutFailedTestsFails() throws IOException {
        status("completed", 2);
        report(PASSING);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("Kernel tests FAILED: the test JVM in the VM exited with status 2"),
                result.output);
    }

    @Test
    void missingVmStatusFails() throws IOException {
        report(PASSING);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("test-vm/run did not finish"), result.output);
    }

    @Test
    void vmStatusWithoutOutcomeFails() throws IOException {
        Files.writeString(out.resolve("vm-status.properties"), "exit_code=0\n");
        report(PASSING);

        Result result = judge();

        assertEquals(1, result.status);
        assertTrue(result.output.contains("Kernel tests FAILED: unknown VM outcome ''"), result.output);
    }

    @Test
    void longFailureMessagesAreCutAfterTheirDetailLines() {
        String message = "not true within 70000 ms\n" + "log line\n".repeat(KernelTestReport.DETAIL_LINES + 5);

        String excerpt = KernelTestReport.excerpt(message);

        assertEquals(1 + KernelTestReport.DETAIL_LINES + 1, excerpt.lines().count(), excerpt);
        assertTrue(excerpt.startsWith("not true within 70000 ms\n    | log line\n"), excerpt);
        assertTrue(excerpt.endsWith("\n    | (5 more lines in the test run's output)"), excerpt);
    }

    private record Result(int status, String output) {}

    private Result judge() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = KernelTestReport.judge(out, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private void status(String outcome, int exitCode) throws IOException {
        status(outcome, exitCode, "9.5", "9.7");
    }

    /** With the test JVM's time by the guest's clock and by the host's. */
    private void status(String outcome, int exitCode, String guestSeconds, String hostSeconds) throws IOException {
        Files.writeString(out.resolve("vm-status.properties"), """
                exit_code=%d
                outcome=%s
                boot_seconds=3.8
                command_seconds=%s
                host_command_seconds=%s
                attempts=1
                accel=tcg
                cpus=2
                """.formatted(exitCode, outcome, guestSeconds, hostSeconds));
    }

    private void report(String xml) throws IOException {
        Files.createDirectories(out.resolve("reports"));
        Files.writeString(out.resolve("reports/TEST-junit-jupiter.xml"), xml);
    }
}
