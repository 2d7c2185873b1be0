package io.ipvsd.cli.importer;

import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.cli.IpvsTable;
import io.ipvsd.daemon.config.ConfigError;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `ipvsctl import keepalived|ipvsadm|kernel`: an ipvsd file from another tool's configuration.
 * Notes (FILE:LINE: keyword: why) go to stderr and into the file as comments. Exit 0 only when
 * the written file passes `ipvsctl validate`; 1 when it does not yet (fwmark placeholders to fill
 * in, or a value ipvsd refuses: the file is still written, with the reasons on stderr) or the
 * input is refused.
 */
@Command(name = "import", description = "Write an ipvsd file from keepalived.conf, ipvsadm-save output or the live table.",
        subcommands = {ImportCommand.Keepalived.class, ImportCommand.Ipvsadm.class, ImportCommand.Kernel.class})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Ipvsctl ipvsctl;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Ipvsctl.EXIT_USAGE;
    }

    /** Options every import has. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the file here instead of stdout.")
        Path output;

        int finish(String toml, boolean needsMarks, List<Diagnostics.Note> notes) throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            for (Diagnostics.Note n : notes) {
                err.println(n);
            }
            if (output != null) {
                Files.writeString(output, toml, StandardCharsets.UTF_8);
            } else {
                spec.commandLine().getOut().print(toml);
                spec.commandLine().getOut().flush();
            }
            String name = output != null ? output.toString() : "<output>";
            LoadResult result = ConfigLoader.parse(toml, name);
            if (result instanceof LoadResult.Failed failed) {
                for (ConfigError e : failed.errors()) {
                    err.println(e);
                }
                err.println("ipvsctl: the imported file does not pass validate yet"
                        + (needsMarks ? ": fill in the [[mark]] placeholders (or use --iptables-save)" : "") + "; see above");
                return Ipvsctl.EXIT_FAILURE;
            }
            return 0;
        }
    }

    @Command(name = "keepalived", description = "From a keepalived.conf (LVS and VRRP parts).")
    static final class Keepalived extends Base {
        @Parameters(index = "0", paramLabel = "FILE", description = "The keepalived.conf.")
        Path file;

        @Option(names = "--config-id", paramLabel = "ID", description = "For @ID lines (default: the host name up to its first dot, as keepalived).")
        String configId;

        @Option(names = "--iptables-save", paramLabel = "FILE", description = "iptables-save output whose mangle MARK rules become [[mark]] rules.")
        Path iptablesSave;

        @Override
        public Integer call() throws Exception {
            String id = configId != null ? configId : hostLabel();
            try {
                KeepalivedImport.Result r = KeepalivedImport.run(file, id, iptablesSave);
                return finish(r.toml(), r.needsMarks(), r.notes());
            } catch (ImportException e) {
                spec.commandLine().getErr().println("ipvsctl: " + e.getMessage());
                return Ipvsctl.EXIT_FAILURE;
            }
        }

        private static String hostLabel() {
            try {
                String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
                int dot = host.indexOf('.');
                return dot < 0 ? host : host.substring(0, dot);
            } catch (IOException e) {
                return null;
            }
        }
    }

    @Command(name = "ipvsadm", description = "From ipvsadm-save -n / ipvsadm -Sn output (a file, or - for stdin).")
    static final class Ipvsadm extends Base {
        @Parameters(index = "0", paramLabel = "FILE", defaultValue = "-", description = "The saved table; - or none: stdin.")
        String file;

        @Override
        public Integer call() throws Exception {
            List<String> lines;
            if (file.equals("-")) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                lines = in.lines().toList();
            } else {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            }
            String source = file.equals("-") ? "<stdin>" : file;
            try {
                IpvsadmImport.Result r = IpvsadmImport.run(source, lines, "Imported by `ipvsctl import ipvsadm` from " + source + ".");
                return finish(r.toml(), r.needsMarks(), r.notes());
            } catch (ImportException e) {
                spec.commandLine().getErr().println("ipvsctl: " + e.getMessage());
                return Ipvsctl.EXIT_FAILURE;
            }
        }
    }

    @Command(name = "kernel", description = "From the live IPVS table.")
    static final class Kernel extends Base {
        @ParentCommand
        ImportCommand parent;

        @Option(names = "--netns", paramLabel = "NS", description = "Read the table of /run/netns/NS (or a path).")
        String netns;

        @Override
        public Integer call() throws Exception {
            Ipvsctl root = parent.ipvsctl;
            List<String> lines;
            try (IpvsTable table = root.access().openTable(root.netnsPath(netns))) {
                lines = KernelSave.lines(table);
            }
            String source = netns == null ? "kernel" : "kernel (netns " + netns + ")";
            try {
                IpvsadmImport.Result r = IpvsadmImport.run(source, lines, "Imported by `ipvsctl import kernel` from the live IPVS table"
                        + (netns == null ? "" : " of netns " + netns) + ".");
                return finish(r.toml(), r.needsMarks(), r.notes());
            } catch (ImportException e) {
                spec.commandLine().getErr().println("ipvsctl: " + e.getMessage());
                return Ipvsctl.EXIT_FAILURE;
            }
        }
    }
}
