package io.ipvsd.cli.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The man pages and the completion as `mvn package` writes them: groff and mandoc read the pages
 * without a warning, the bytes do not depend on the run, ipvsd.toml(5) has every key of the
 * README's reference, and bash completes ipvsctl's commands and options with the script.
 */
class GeneratedDocsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final List<String> PAGES = List.of("ipvsctl.8.gz", "ipvsd.8.gz", "ipvsd.toml.5.gz");

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        GenerateDocs.main(new String[] {out.toString(), README.toString(), "1.2.3", "2026-12-01T00:00:00Z"});
    }

    @Test
    void groffAndMandocReadEveryPageWithoutAWarning() throws Exception {
        for (String page : PAGES) {
            Path roff = out.resolve(page.replace(".gz", ""));
            Files.write(roff, gunzip(out.resolve("man").resolve(page)));
            Result groff = run("groff", "-man", "-Tutf8", "-ww", "-z", roff.toString());
            assertEquals(new Result(0, ""), groff, page + ": groff");
            Result mandoc = run("mandoc", "-Tlint", "-W", "style", roff.toString());
            assertEquals(new Result(0, ""), mandoc, page + ": mandoc -Tlint");
        }
    }

    @Test
    void sameInputGivesTheSameBytesWithGzipMinusNineHeader(@TempDir Path again) throws IOException {
        GenerateDocs.main(new String[] {again.toString(), README.toString(), "1.2.3", "2026-12-01T00:00:00Z"});
        for (String page : PAGES) {
            byte[] first = Files.readAllBytes(out.resolve("man").resolve(page));
            assertArrayEquals(first, Files.readAllBytes(again.resolve("man").resolve(page)), page);
            // no name, mtime 0, "maximum compression", Unix: what gzip -9n writes
            assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3}, java.util.Arrays.copyOf(first, 10), page);
        }
    }

    @Test
    void pagesCarryTheVersionAndTheGivenDate() throws IOException {
        String ipvsd = new String(gunzip(out.resolve("man/ipvsd.8.gz")), StandardCharsets.US_ASCII);
        assertTrue(ipvsd.startsWith(".TH \"IPVSD\" 8 \"2026-12-01\" \"ipvsd 1.2.3\""), ipvsd);
        assertTrue(ipvsd.contains(".SH EXIT STATUS"), ipvsd);
        assertTrue(ipvsd.contains(".SH SIGNALS"), ipvsd);
        String ipvsctl = new String(gunzip(out.resolve("man/ipvsctl.8.gz")), StandardCharsets.US_ASCII);
        for (String command : List.of("list", "validate", "plan", "apply", "status", "reload")) {
            assertTrue(ipvsctl.contains(".SS ipvsctl " + command + "\n"), command);
        }
        assertTrue(ipvsctl.contains("\\fB\\-\\-timeout\\fR"), ipvsctl);
    }

    @Test
    void configPageHasEveryKeyAndHeadingOfTheReadmeReference() throws IOException {
        String page = new String(gunzip(out.resolve("man/ipvsd.toml.5.gz")), StandardCharsets.US_ASCII);
        List<String> section = MarkdownManPage.section(Files.readString(README), "Configuration reference");
        List<String> missing = new ArrayList<>();
        Pattern keyCell = Pattern.compile("^\\| `([^`]+)` \\|");
        for (String line : section) {
            Matcher key = keyCell.matcher(line);
            if (key.find() && !page.contains(".TP\n\\fB" + Roff.escape(key.group(1)) + "\\fR")) {
                missing.add(key.group(1));
            }
            if (line.startsWith("### ") && !page.contains(".SH " + Roff.escape(line.substring(4).replace("`", "")) + "\n")) {
                missing.add(line);
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(section.size() > 100, "the reference section was found whole");
    }

    @Test
    void completionIsASourcedFileWithoutAHashbang() throws IOException {
        String script = Files.readString(out.resolve("completion/ipvsctl"));
        assertFalse(script.startsWith("#!"), script.lines().findFirst().orElse(""));
        assertTrue(script.contains("complete -F"), "the completion function is registered");
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        assertEquals(List.of("list"), complete("ipvsctl", "li"));
        assertTrue(complete("ipvsctl", "").containsAll(List.of("list", "validate", "plan", "apply", "status", "reload")));
        assertEquals(List.of("--timeout"), complete("ipvsctl", "list", "--ti"));
        assertEquals(List.of("--daemon"), complete("ipvsctl", "list", "--dae"));
    }

    /** COMPREPLY after bash sourced the script and ran its completion function for these words. */
    private static List<String> complete(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append("'");
        }
        String line = String.join(" ", words);
        String script = "source '" + out.resolve("completion/ipvsctl") + "'\n"
                + "COMP_WORDS=(" + array + " )\nCOMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=" + line.length() + "\n"
                + "_complete_ipvsctl\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // stderr aside: outside a real TAB press, compopt complains that no completion is running
        Process p = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Result r = new Result(p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, r.code(), r.output());
        return r.output().lines().filter(l -> !l.isBlank()).map(String::strip).sorted().toList();
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            return in.readAllBytes();
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
