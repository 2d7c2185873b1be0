package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.state.StateDirLock;
import io.ipvsd.genl.FamilyNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** `ipvsd --config FILE`: the daemon's entry point. */
@Command(name = "ipvsd", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keeps the kernel's IPVS table, ipvsd's nf_tables table and the needed sysctls equal to a TOML file.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT (the kernel state stays in place)",
                "1:the kernel lacks IPVS, another ipvsd holds state_dir, or the daemon cannot start",
                "2:the configuration file has errors (each printed as FILE:LINE:COL: message)"},
        footerHeading = "Signals:%n",
        footer = {"SIGHUP reloads the configuration file; a file with errors is refused and the running configuration stays.",
                "SIGTERM and SIGINT end the loop after the current pass; IPVS, nf_tables and addresses are left as they are."})
public final class Ipvsd implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration file.")
    Path config;

    private final PrintStream err;

    Ipvsd(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.err).execute(args));
    }

    /** The command line, errors to {@code err}; also what ipvsd(8) is generated from. */
    public static CommandLine commandLine(PrintStream err) {
        return new CommandLine(new Ipvsd(err));
    }

    @Override
    public Integer call() {
        LoadResult result = ConfigLoader.load(config);
        if (result instanceof LoadResult.Failed failed) {
            failed.errors().forEach(e -> err.println(e));
            err.println("ipvsd: " + config + " has " + failed.errors().size() + " error(s); not started");
            return 2;
        }
        Config loaded = ((LoadResult.Loaded) result).config();
        configureLogging(loaded);
        ((LoadResult.Loaded) result).warnings().forEach(w -> err.println(w.asWarning()));
        Daemon daemon;
        try {
            daemon = Daemon.start(config, loaded);
        } catch (StateDirLock.HeldException e) {
            // One line, before the control socket or the kernel was touched: the running daemon is unharmed.
            err.println("ipvsd: another ipvsd is running with state_dir " + loaded.daemon().stateDir()
                    + (e.holder().isEmpty() ? "" : " (pid " + e.holder() + ")") + "; not started");
            return 1;
        } catch (FamilyNotFoundException e) {
            err.println("ipvsd: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("ipvsd: cannot start: " + e.getMessage());
            return 1;
        }
        Signal.handle(new Signal("HUP"), s -> daemon.requestReload());
        // SIGTERM/SIGINT end the loop rather than the JVM: the current pass finishes, sockets are
        // released, the kernel state stays in place, and the exit status is 0.
        Signal.handle(new Signal("TERM"), s -> daemon.stop());
        Signal.handle(new Signal("INT"), s -> daemon.stop());
        try (daemon) {
            daemon.run();
        }
        return 0;
    }

    /** slf4j-simple reads its settings once, before the first logger is made: set them first. */
    private static void configureLogging(Config config) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.daemon().logLevel().name().toLowerCase(Locale.ROOT));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }
}
