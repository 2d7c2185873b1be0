package io.ipvsd.cli.doctor;

import io.ipvsd.cli.Ipvsctl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `ipvsctl doctor`: the usual troubleshooting list, run against the live system; reads only. */
@Command(name = "doctor", description = {"Look for the usual reasons a director does not work: missing VIPs, split brain, "
        + "a firewall dropping VRRP, forwarding/conntrack/rp_filter/ARP sysctls, [[mark]] rules that match nothing, "
        + "real servers down. One line per finding with what to do; exit 1 when anything is wrong. Changes nothing."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Ipvsctl parent;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The ipvsd file (default: the one the daemon runs).")
    private Path config;

    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket (default: from the file, else "
            + "/run/ipvsd/ipvsd.sock).")
    private Path socket;

    @Option(names = "--netns", paramLabel = "NS", description = "Look at /run/netns/NS (or a path) instead of this namespace.")
    private String netns;

    @Option(names = "--counter-wait", paramLabel = "SECONDS", defaultValue = "3",
            description = "Time between the two reads of the [[mark]] rules' counters (default: ${DEFAULT-VALUE}).")
    private double counterWait;

    @Override
    public Integer call() throws Exception {
        if (!(counterWait >= 0 && counterWait <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--counter-wait: " + counterWait + ": not a number of seconds 0..3600");
        }
        Facts facts = new LiveSystem(parent.netnsPath(netns), Duration.ofMillis(Math.round(counterWait * 1000)))
                .gather(config, socket);
        List<Finding> findings = Diagnosis.of(facts);
        PrintWriter out = spec.commandLine().getOut();
        findings.forEach(f -> out.println(f.line()));
        if (findings.stream().anyMatch(f -> f.kind() == Finding.Kind.PROBLEM)) {
            return Ipvsctl.EXIT_FAILURE;
        }
        out.println("doctor: no problem found");
        return 0;
    }
}
