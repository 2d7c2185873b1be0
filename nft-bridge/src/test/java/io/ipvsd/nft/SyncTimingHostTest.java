package io.ipvsd.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipvsd.ipvs.Protocol;
import io.ipvsd.nft.testkit.Netns;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Times ipvsd's sync of N mark rules against `nft -f` of the same ruleset (nft's own listing of
 * what ipvsd made), in one namespace and one run. Opt-in: {@code -Dipvsd.timing=true}
 * ({@code -Dipvsd.timing.rules=N} for another size).
 */
class SyncTimingHostTest {
    private static final int RULES = Integer.getInteger("ipvsd.timing.rules", 1000);
    private static final int ROUNDS = 7;

    @Test
    void syncAgainstNft() throws Exception {
        assumeTrue(Boolean.getBoolean("ipvsd.timing") && Netns.available(), "opt-in: -Dipvsd.timing=true, as root");
        NftRuleset ruleset = ruleset();
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
                    long handle = nft.read("ipvsd").rules().get(RULES / 2).handle();
                    ns.exec("nft", "delete", "rule", "inet", "ipvsd", "prerouting", "handle", Long.toString(handle));
                    heal[i] = time(() -> assertEquals(3, nft.sync(ruleset).size()));
                    noop[i] = time(() -> assertTrue(nft.sync(ruleset).isEmpty()));
                    nftList[i] = time(() -> ns.exec("nft", "list", "table", "inet", "ipvsd"));
                    ns.exec("nft", "flush", "ruleset");
                    nftCreate[i] = time(() -> ns.exec("nft", "-f", script.toString()));
                    assertTrue(nft.plan(ruleset).isEmpty(), "nft made the same table");
                }
                System.out.printf("%d mark rules (each with an anonymous port set), median of %d, ms:%n", RULES, ROUNDS);
                System.out.printf("  ipvsd sync, empty -> full (read, plan, 1 batch of %d messages): %.1f%n", 3 * RULES + 2, median(create));
                System.out.printf("  nft -f of the same ruleset (process included):                   %.1f%n", median(nftCreate));
                System.out.printf("  ipvsd sync, nothing to change (read + plan):                     %.1f%n", median(noop));
                System.out.printf("  ipvsd sync, one rule deleted by hand (read, plan, 1 batch):       %.1f%n", median(heal));
                System.out.printf("  nft list table (process included):                                %.1f%n", median(nftList));
            } finally {
                Files.delete(script);
            }
        }
    }

    private static NftRuleset ruleset() throws Exception {
        List<MarkRule> marks = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
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
