package io.ipvsd.cli.manage;

import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.daemon.Engine;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.plan.Plan;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `ipvsctl plan FILE`: what `apply` would change, read from the kernel now; writes nothing. */
@Command(name = "plan", description = {"Show what applying FILE would change (a dry run against the kernel).",
        "Lines: '+' adds, '~' changes in place, '-' removes. Health checks are not run: every real server counts as up."})
public final class PlanCommand implements Callable<Integer> {
    /** With --detailed-exitcode: the plan has changes (as terraform plan does). */
    static final int EXIT_CHANGES = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
    private Path file;

    @Option(names = "--detailed-exitcode", description = "Exit 3 when there are changes, 0 when there are none.")
    private boolean detailedExitCode;

    @Override
    public Integer call() throws Exception {
        Config config = ConfigFiles.load(file, spec.commandLine().getErr());
        if (config == null) {
            return Ipvsctl.EXIT_FAILURE;
        }
        try (Engine engine = Engine.open(config)) {
            Plan plan = engine.plan(config, Map.of());
            spec.commandLine().getOut().println(plan.render());
            return detailedExitCode && !plan.isEmpty() ? EXIT_CHANGES : 0;
        }
    }
}
