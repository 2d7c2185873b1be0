package io.ipvsd.cli.manage;

import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.daemon.Engine;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.reconcile.OperationFailure;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateDirLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `ipvsctl apply FILE`: one reconcile pass, the daemon's own code path, then exit. */
@Command(name = "apply", description = {"Make the kernel match FILE once (the daemon's reconcile pass), then exit.",
        "Health checks are not run: every real server counts as up. Refused while a daemon runs with the same state_dir."})
public final class ApplyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
    private Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Config config = ConfigFiles.load(file, err);
        if (config == null) {
            return Ipvsctl.EXIT_FAILURE;
        }
        StateDirLock lock;
        try {
            lock = StateDirLock.acquire(config.daemon().stateDir());
        } catch (StateDirLock.HeldException e) {
            // A pass beside the daemon would race its state file, and count every real server as up.
            err.println("ipvsctl: ipvsd" + (e.holder().isEmpty() ? "" : " (pid " + e.holder() + ")")
                    + " is running with state_dir " + config.daemon().stateDir() + "; not applying beside it."
                    + " Let the daemon apply the file: put it where ipvsd reads its config and run"
                    + " `ipvsctl reload` (or send it SIGHUP)");
            return Ipvsctl.EXIT_FAILURE;
        }
        try (lock; Engine engine = Engine.open(config)) {
            TickReport report = engine.reconcile(config, Map.of(), Map.of());
            if (report.error() != null) {
                err.println("ipvsctl: " + report.error());
                return Ipvsctl.EXIT_FAILURE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.plan().render());
            if (!report.plan().isEmpty()) {
                out.printf("Applied %d of %d changes in %d ms.%n", report.applied(), report.plan().operations().size(),
                        report.duration().toMillis());
            }
            for (OperationFailure f : report.failures()) {
                err.println("ipvsctl: refused: " + f);
            }
            return report.failures().isEmpty() ? 0 : Ipvsctl.EXIT_FAILURE;
        }
    }
}
