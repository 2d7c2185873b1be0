package io.ipvsd.kerneltest.cli;

import io.ipvsd.cli.Ipvsctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** ipvsctl run in-process against the kernel, as the launcher would run it. */
record IpvsctlRun(int exitCode, String stdout, String stderr) {
    static IpvsctlRun of(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ipvsctl.run(args.toArray(String[]::new), new PrintStream(out), new PrintStream(err));
        return new IpvsctlRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** "ipvsctl list ARGS --netns NS" for ipvsadm's "-L ARGS": the same arguments without -L. */
    static IpvsctlRun listLike(String netns, List<String> ipvsadmListArgs) {
        List<String> args = new ArrayList<>(List.of("list"));
        args.add("-" + ipvsadmListArgs.get(0).substring(2));
        args.addAll(ipvsadmListArgs.subList(1, ipvsadmListArgs.size()));
        args.addAll(List.of("--netns", netns));
        return of(args);
    }
}
