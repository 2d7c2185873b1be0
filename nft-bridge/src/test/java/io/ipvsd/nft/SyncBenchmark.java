package io.ipvsd.nft;

import io.ipvsd.ipvs.Protocol;
import io.ipvsd.nft.testkit.Netns;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Benchmark, not a test (run by nft-bridge/src/bench/nft-sync-bench.sh, as root): times ipvsd's
 * sync of N mark rules against `nft -f` of the same ruleset (nft's own listing of what ipvsd
 * made), in one namespace and one run. Argument: the number of rules (default 1000).
 */
final class SyncBenchmark {
    private static final int ROUNDS = 7;

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        NftRuleset ruleset = ruleset(rules);
        try (Netns ns = Netns.create(); NftClient nft = NftClient.open(ns.path())) {
            nft.sync(ruleset); // warm up the JIT and the kernel's modules
            Path script = Files.createTempFile("ipvsd-timing", ".nft");
            try {
                Files.writeString(script, ns.exec("nft", "list", "table", "inet", "ipvsd"));
                long[] create = new long[ROUNDS];
                long[] nftCreate = new long[ROUNDS];
                long[] noop = new long[ROUNDS];
                long[] heal = new long[ROUNDS];
                long[] nftList = new long[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    ns.exec("nft", "flush", "ruleset");
                    create[i] = time(() -> nft.sync(ruleset));
                    long handle = nft.read("ipvsd").rules().get(rules / 2).handle();
                    ns.exec("nft", "delete", "rule", "inet", "ipvsd", "prerouting", "handle", Long.toString(handle));
                    heal[i] = time(() -> expect(nft.sync(ruleset).size() == 3, "the heal is 3 changes"));
                    noop[i] = time(() -> expect(nft.sync(ruleset).isEmpty(), "a second sync changes nothing"));
                    nftList[i] = time(() -> ns.exec("nft", "list", "table", "inet", "ipvsd"));
                    ns.exec("nft", "flush", "ruleset");
                    nftCreate[i] = time(() -> ns.exec("nft", "-f", script.toString()));
                    expect(nft.plan(ruleset).isEmpty(), "nft made the same table");
                }
                System.out.printf("%d mark rules (each with an anonymous port set), median of %d, ms:%n", rules, ROUNDS);
                System.out.printf("  ipvsd sync, empty -> full (read, plan, 1 batch of %d messages): %.1f%n", 3 * rules + 2, median(create));
                System.out.printf("  nft -f of the same ruleset (process included):                   %.1f%n", median(nftCreate));
                System.out.printf("  ipvsd sync, nothing to change (read + plan):                     %.1f%n", median(noop));
                System.out.printf("  ipvsd sync, one rule deleted by hand (read, plan, 1 batch):       %.1f%n", median(heal));
                System.out.printf("  nft list table (process included):                                %.1f%n", median(nftList));
            } finally {
                Files.delete(script);
            }
        }
    }

    /** A benchmark of a wrong result measures nothing: stop. */
    private static void expect(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("benchmark invalid: expected " + what);
        }
    }

    private static NftRuleset ruleset(int rules) throws Exception {
        List<MarkRule> marks = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            InetAddress vip = InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
            marks.add(new MarkRule("svc" + i, i + 1, List.of(vip), Set.of(Protocol.TCP),
                    List.of(PortRange.of(80), PortRange.of(443)), List.of(), null));
        }
        return new NftRuleset("ipvsd", marks, List.of());
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
