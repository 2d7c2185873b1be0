package io.ipvsd.testvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The verdict on a kernel-test run: reads what {@code test-vm/run --out DIR} left in DIR (its
 * {@code vm-status.properties} and the JUnit XML reports under {@code reports/}), prints
 * {@code Kernel tests: N passed, N failed, N skipped} and the VM's times, and fails when a test
 * failed, no test ran, a report is missing, or the VM timed out, failed to boot or exited non-zero.
 *
 * <p>Usage: {@code KernelTestReport OUT_DIR}; exit status 0 when the kernel tests passed, 1 otherwise.
 */
public final class KernelTestReport {

    /** Lines of a failure's message shown after its first in the summary. */
    static final int DETAIL_LINES = 40;

    /**
     * Seconds the guest's clock may run ahead of the host's over the test JVM's life before the
     * run counts as broken: more is a leap of the guest clock, which fires timeouts early.
     * test-vm/run warns on the same margin, for every command it runs.
     */
    static final double CLOCK_LEAP_SECONDS = 30;

    /** Sums over the report files; {@code failures} counts JUnit's failures and errors alike. */
    record Totals(int tests, int failures, int skipped, double seconds, List<String> failed) {
        int passed() {
            return tests - failures - skipped;
        }
    }

    private KernelTestReport() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KernelTestReport OUT_DIR");
            System.exit(2);
        }
        int status = judge(Path.of(args[0]), System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Prints the summary of the run in {@code outDir} to {@code out}; returns the exit status. */
    static int judge(Path outDir, PrintStream out) {
        List<String> problems = new ArrayList<>();
        Path statusFile = outDir.resolve("vm-status.properties");
        Properties vm = readStatus(statusFile, problems);

        Totals totals = new Totals(0, 0, 0, 0, List.of());
        Path reports = outDir.resolve("reports");
        List<Path> files = reportFiles(reports, problems);
        if (files.isEmpty()) {
            problems.add("no JUnit XML report (TEST-*.xml) in " + reports);
        } else {
            totals = read(files, problems);
            if (totals.tests() == 0) {
                problems.add("no kernel test ran (tests are tagged \"kernel\" in test-vm/src/test/java)");
            }
        }
        if (totals.failures() > 0) {
            problems.add(0, totals.failures() + " kernel test(s) failed");
        }

        if (vm != null) {
            String outcome = vm.getProperty("outcome", "");
            String exit = vm.getProperty("exit_code", "");
            switch (outcome) {
                // A failing test makes the JVM exit 1: no need to say that twice.
                case "completed" -> {
                    if (!exit.equals("0") && totals.failures() == 0) {
                        problems.add("the test JVM in the VM exited with status " + exit);
                    }
                }
                case "timeout" -> problems.add("the VM timed out (test-vm/run --timeout)");
                case "boot-failure" -> problems.add("the VM failed to boot (see test-vm/run's output above)");
                case "vm-died" -> problems.add("the VM died while the tests ran (see test-vm/run's output above)");
                default -> problems.add("unknown VM outcome '" + outcome + "' in " + statusFile);
            }
            clockLeap(vm).ifPresent(problems::add);
        }

        totals.failed().forEach(name -> out.println("Kernel test failed: " + name));
        if (vm != null) {
            out.println(times(vm, totals));
        }
        out.printf("Kernel-tests: %d passed, %d failed, %d skipped%n",
                totals.passed(), totals.failures(), totals.skipped());
        problems.forEach(p -> out.println("Kernel tests FAILED: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    /** test-vm/run's record of the VM, or null (a problem) if there is none. */
    private static Properties readStatus(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("no " + file + ": test-vm/run did not finish (see its output above)");
            return null;
        }
        Properties status = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            status.load(in);
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
        }
        return status;
    }

    private static String times(Properties vm, Totals totals) {
        return String.format(Locale.ROOT,
                "Kernel test VM: boot %s s (attempt %s, %s, %s vCPUs), test JVM %s s (host clock %s s)"
                        + " of which tests %.1f s",
                vm.getProperty("boot_seconds", "?"), vm.getProperty("attempts", "?"),
                vm.getProperty("accel", "?"), vm.getProperty("cpus", "?"),
                vm.getProperty("command_seconds", "?"), vm.getProperty("host_command_seconds", "?"),
                totals.seconds());
    }

    /** The problem when the guest's clock counted the test JVM's life well past the host's. */
    private static Optional<String> clockLeap(Properties vm) {
        try {
            double guest = Double.parseDouble(vm.getProperty("command_seconds", ""));
            double host = Double.parseDouble(vm.getProperty("host_command_seconds", ""));
            if (guest > host + CLOCK_LEAP_SECONDS) {
                return Optional.of(String.format(Locale.ROOT,
                        "the VM's clock leapt forward: it counted %.1f s where the host's counted %.1f s,"
                                + " so timeouts inside fired early", guest, host));
            }
        } catch (NumberFormatException e) {
            // A run that did not complete has no times; its outcome is the problem already.
        }
        return Optional.empty();
    }

    private static List<Path> reportFiles(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    /** Sums the {@code <testsuite>} counts of JUnit's legacy XML reports. */
    static Totals read(List<Path> files, List<String> problems) {
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        double seconds = 0;
        List<String> failed = new ArrayList<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        for (Path file : files) {
            try {
                Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                List<Element> suites = root.getTagName().equals("testsuite")
                        ? List.of(root) : elements(root.getElementsByTagName("testsuite"));
                for (Element suite : suites) {
                    tests += count(suite, "tests");
                    failures += count(suite, "failures") + count(suite, "errors");
                    skipped += count(suite, "skipped");
                    seconds += seconds(attribute(suite, "time", "0"));
                }
                for (Element testCase : elements(root.getElementsByTagName("testcase"))) {
                    Element problem = firstChild(testCase, "failure", "error");
                    if (problem != null) {
                        failed.add(testCase.getAttribute("classname") + "." + testCase.getAttribute("name")
                                + ": " + excerpt(problem.getAttribute("message")));
                    }
                }
            } catch (IOException | SAXException | ParserConfigurationException | NumberFormatException e) {
                problems.add("cannot read the report " + file + ": " + e.getMessage());
            }
        }
        return new Totals(tests, failures, skipped, seconds, failed);
    }

    /**
     * A failure's message for the summary: its first line, then up to {@link #DETAIL_LINES} more
     * (a lab's context: the daemon's log), indented. The summary is the end of the build's output,
     * the part a CI page keeps when the test tree above it is cut.
     */
    static String excerpt(String message) {
        List<String> lines = message.lines().toList();
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(lines.get(0));
        int shown = Math.min(lines.size(), 1 + DETAIL_LINES);
        lines.subList(1, shown).forEach(line -> s.append("\n    | ").append(line));
        if (shown < lines.size()) {
            s.append("\n    | (").append(lines.size() - shown).append(" more lines in the test run's output)");
        }
        return s.toString();
    }

    /**
     * JUnit's legacy XML writer formats times with the default locale's NumberFormat, so a run of
     * 1,000 s or more is written "1,479.577" (grouping commas) in the VM's English locale.
     */
    private static double seconds(String time) {
        return Double.parseDouble(time.replace(",", ""));
    }

    private static int count(Element suite, String name) {
        return Integer.parseInt(attribute(suite, name, "0"));
    }

    private static String attribute(Element element, String name, String absent) {
        String value = element.getAttribute(name);
        return value.isEmpty() ? absent : value;
    }

    private static Element firstChild(Element parent, String... names) {
        for (String name : names) {
            NodeList children = parent.getElementsByTagName(name);
            if (children.getLength() > 0) {
                return (Element) children.item(0);
            }
        }
        return null;
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
