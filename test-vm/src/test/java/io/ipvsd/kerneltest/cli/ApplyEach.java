package io.ipvsd.kerneltest.cli;

import io.ipvsd.cli.Ipvsctl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run inside a namespace by {@link KeepalivedOracleTest} (one JVM for all files: a JVM start is
 * slow under emulation): for each FILE OUT pair, `ipvsctl apply FILE`, its output and then
 * `ipvsadm -Sn` into OUT, and the table emptied again for the next file.
 */
final class ApplyEach {
    private ApplyEach() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Ipvsctl.run(new String[] {"apply", args[i]}, new PrintStream(out), new PrintStream(err));
            String table = run("ipvsadm", "-Sn");
            Files.writeString(Path.of(args[i + 1]), "exit " + code + "\n" + err.toString(StandardCharsets.UTF_8)
                    .lines().map(l -> "# " + l + "\n").reduce("", String::concat) + table);
            run("ipvsadm", "-C");
            run("nft", "flush", "ruleset");
        }
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + ": " + text);
        }
        return text;
    }
}
