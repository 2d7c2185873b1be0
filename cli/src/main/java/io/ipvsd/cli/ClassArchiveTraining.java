package io.ipvsd.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The training run behind the class-data archive `mvn package` dumps for ipvsctl
 * (cli/target/ipvsctl.jsa): the classes this run loads are listed, and a static archive of them is
 * dumped, so each command it runs here starts without loading and verifying them from the jars again. It runs the commands an
 * operator runs most, in one JVM, and throws their output away. On a build machine without IPVS
 * (or without root) `plan` and `list` fail after loading the netlink and IPVS code, which is what
 * the archive needs; with IPVS they only read the table. `status` asks a socket no daemon has.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    /** @param args the example config file, and a path where no control socket is */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ClassArchiveTraining CONFIG NO_SOCKET");
            System.exit(Ipvsctl.EXIT_USAGE);
        }
        String config = args[0];
        String noSocket = args[1];
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (List<String> command : List.of(
                List.of("validate", config),
                List.of("plan", config),
                List.of("list", "-n"),
                List.of("status", "--socket", noSocket))) {
            Ipvsctl.run(command.toArray(String[]::new), discard, discard);
        }
    }
}
