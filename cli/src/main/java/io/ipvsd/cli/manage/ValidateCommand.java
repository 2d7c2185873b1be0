package io.ipvsd.cli.manage;

import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.daemon.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `ipvsctl validate FILE`: every error at once; exit 1 when there is one. Touches no kernel state. */
@Command(name = "validate", description = "Check a configuration file; print every error as file:line:col: message.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
    private Path file;

    @Override
    public Integer call() {
        Config config = ConfigFiles.load(file, spec.commandLine().getErr());
        if (config == null) {
            return Ipvsctl.EXIT_FAILURE;
        }
        spec.commandLine().getOut().printf("%s: ok (%d services, %d mark rules, %d masquerade rules)%n", file,
                config.services().size(), config.marks().size(), config.masquerades().size());
        return 0;
    }
}
