package io.ipvsd.kerneltest.ipvs;

import io.ipvsd.kerneltest.FreshNetns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** ipvsadm run inside a test's namespace. */
public final class Ipvsadm {
    private Ipvsadm() {
    }

    /** {@code ipvsadm -Sn} as sorted lines. */
    public static List<String> save(FreshNetns ns) {
        return IpvsadmRules.parse(ns.exec("ipvsadm", "-Sn").assertSuccess().stdout());
    }

    /** Feeds rules to {@code ipvsadm-restore}, one ipvsadm command (without "ipvsadm") a line. */
    public static void restore(FreshNetns ns, List<String> rules) {
        Path file = null;
        try {
            file = Files.createTempFile("ipvsd-kt-rules-", ".txt");
            Files.write(file, rules);
            ns.exec("sh", "-c", "ipvsadm-restore < " + file).assertSuccess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    static String run(FreshNetns ns, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ipvsadm";
        System.arraycopy(args, 0, argv, 1, args.length);
        return ns.exec(argv).assertSuccess().stdout();
    }
}
