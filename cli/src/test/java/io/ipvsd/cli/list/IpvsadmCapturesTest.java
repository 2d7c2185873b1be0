package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.ipvs.conn.ConnectionTableParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every listing captured from ipvsadm 1.31 in the test VM, reproduced byte for byte by {@code
 * ipvsctl list} with the same arguments ("ipvsadm -L ARGS" becomes "ipvsctl list ARGS") over the
 * equivalent model records ({@link CapturedTables}).
 */
class IpvsadmCapturesTest {
    private static final String LISTING = "# listing: ipvsadm ";

    static Stream<String> captures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(capturesDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt") && !n.equals("traffic-proc-ip_vs_conn.txt"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void ipvsctlListPrintsWhatIpvsadmPrinted(String capture) throws Exception {
        Capture c = Capture.read(capturesDir().resolve(capture));
        FakeIpvsAccess table = capture.startsWith("shapes") ? CapturedTables.shapes() : CapturedTables.traffic();
        table.connections(ConnectionTableParser.parse(
                Capture.read(capturesDir().resolve("traffic-proc-ip_vs_conn.txt")).output()));
        List<String> args = new ArrayList<>(List.of("list"));
        args.addAll(c.ipvsctlArgs());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(table).execute(args.toArray(String[]::new), new PrintStream(out), new PrintStream(err));

        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertEquals(c.output(), out.toString(StandardCharsets.UTF_8), "ipvsctl " + String.join(" ", args));
    }

    /** A capture file: "# " lines saying how it was made, then the bytes ipvsadm printed. */
    private record Capture(String listing, String output) {
        static Capture read(Path file) throws IOException {
            List<String> lines = Arrays.asList(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
            String listing = lines.stream().filter(l -> l.startsWith("# listing: ")).findFirst().orElseThrow();
            String output = lines.stream().dropWhile(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
            return new Capture(listing, output);
        }

        /** ipvsadm's "-Ln ARGS" / "-Lnc ARGS" without the -L command letter. */
        List<String> ipvsctlArgs() {
            List<String> args = new ArrayList<>(Arrays.asList(listing.substring(LISTING.length()).split(" ")));
            args.set(0, "-" + args.get(0).substring(2));
            return args;
        }
    }

    private static Path capturesDir() throws URISyntaxException {
        return Path.of(IpvsadmCapturesTest.class.getResource("ipvsadm").toURI());
    }
}
