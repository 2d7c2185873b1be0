package io.ipvsd.cli;

import io.ipvsd.cli.doctor.DoctorCommand;
import io.ipvsd.cli.importer.ImportCommand;
import io.ipvsd.cli.list.ListCommand;
import io.ipvsd.cli.manage.ApplyCommand;
import io.ipvsd.cli.manage.PlanCommand;
import io.ipvsd.cli.manage.ReloadCommand;
import io.ipvsd.cli.manage.StatusCommand;
import io.ipvsd.cli.manage.ValidateCommand;
import io.ipvsd.cli.top.TopCommand;
import io.ipvsd.daemon.Version;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The ipvsctl command line. Each command is a class listed in {@code subcommands}. Failures print
 * one line on stderr, "ipvsctl: ...", never a stack trace; exit 2 for a usage error, 1 for a
 * failure at run time, 0 otherwise.
 */
@Command(name = "ipvsctl", synopsisSubcommandLabel = "COMMAND", versionProvider = Version.class,
        description = "Inspect and manage the Linux IPVS load balancer.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:success", "1:a failure at run time (no IPVS, not root, a configuration error, a refused change)",
                "2:a usage error"},
        subcommands = {ListCommand.class, ValidateCommand.class, PlanCommand.class, ApplyCommand.class, StatusCommand.class,
                ReloadCommand.class, DoctorCommand.class, TopCommand.class, ImportCommand.class})
public final class Ipvsctl implements Callable<Integer> {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    private static final Path NETNS_DIR = Path.of("/run/netns");

    private final IpvsAccess access;

    @Spec
    private CommandSpec spec;

    /** Inherited: every command has it without declaring it. */
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    private boolean version;

    public Ipvsctl() {
        this(new KernelIpvsAccess());
    }

    public Ipvsctl(IpvsAccess access) {
        this.access = access;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs ipvsctl against the running kernel; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Ipvsctl().execute(args, out, err);
    }

    /** Runs one command line with this instance's IPVS access; returns the exit code. */
    public int execute(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(this)
                .setOut(outWriter)
                .setErr(errWriter)
                .setParameterExceptionHandler((e, a) -> fail(errWriter, usageMessage(e.getMessage()), EXIT_USAGE))
                .setExecutionExceptionHandler((e, c, p) -> fail(errWriter, Failures.message(e), EXIT_FAILURE));
        int code;
        try {
            code = cl.execute(args);
        } catch (LinkageError e) {
            // picocli hands only Exceptions to the handler; a broken install (a missing jar) must
            // still end in one line.
            code = fail(errWriter, "internal error: " + Failures.oneLine(e.toString()), EXIT_FAILURE);
        }
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** Without a command: the usage, as an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    public IpvsAccess access() {
        return access;
    }

    /**
     * The file of a --netns argument: a NAME means /run/netns/NAME (as "ip netns" makes them), a
     * path is taken as it is; null stays null (this process's namespace).
     */
    public Path netnsPath(String netns) throws NoSuchFileException {
        if (netns == null) {
            return null;
        }
        Path path = netns.contains("/") ? Path.of(netns) : NETNS_DIR.resolve(netns);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such network namespace");
        }
        return path;
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println("ipvsctl: " + message);
        err.flush();
        return code;
    }

    /** picocli's parse errors, on one line and without its "Error: " prefix. */
    private static String usageMessage(String message) {
        String line = Failures.oneLine(message);
        return line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
    }
}
