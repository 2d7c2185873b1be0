package io.ipvsd.vrrplab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Watches where the VIPs are: polls `ip -n NS -j addr show dev ens192` on every node every 10 ms.
 * Times are System.nanoTime() at the end of the poll round that first saw a condition hold, so a
 * measured failover is an upper bound (by one round, a few ms per node).
 */
final class Vips {
    private static final long POLL_MS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Node> nodes;

    Vips(Node... nodes) {
        this.nodes = List.of(nodes);
    }

    AddressSnapshot snapshot() {
        Map<Node, List<AddressSnapshot.Address>> byNode = new LinkedHashMap<>();
        for (Node n : nodes) {
            byNode.put(n, addresses(n.netns()));
        }
        return new AddressSnapshot(byNode);
    }

    private static List<AddressSnapshot.Address> addresses(String netns) {
        String out = Shell.run("ip", "-n", netns, "-j", "addr", "show", "dev", Lab.LAN_INTERFACE);
        List<AddressSnapshot.Address> list = new ArrayList<>();
        try {
            for (JsonNode link : JSON.readTree(out)) {
                for (JsonNode a : link.path("addr_info")) {
                    // IPv4, and IPv6 but for the link-local address every interface has.
                    if ("inet".equals(a.path("family").asText())
                            || "inet6".equals(a.path("family").asText()) && !"link".equals(a.path("scope").asText())) {
                        list.add(new AddressSnapshot.Address(a.path("local").asText(), a.path("prefixlen").asInt(),
                                a.path("label").asText()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ip -j addr printed no JSON: " + out, e);
        }
        return list;
    }

    /** The VIP (with its label) on {@code holder} and nowhere else; returns when that was first seen. */
    long awaitOnlyOn(Node holder, Vip vip, Duration timeout) {
        return await(vip + " only on " + holder.name(), timeout, s -> s.onlyOn(holder, vip));
    }

    /** Polls until the condition holds and returns System.nanoTime() at the end of that poll round. */
    long await(String what, Duration timeout, Predicate<AddressSnapshot> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AddressSnapshot last;
        do {
            last = snapshot();
            long seenAt = System.nanoTime();
            if (condition.test(last)) {
                return seenAt;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + "\n" + describe(last));
    }

    /** Fails as soon as the condition stops holding during the whole period (e.g. "the VIP does not move"). */
    void holdsFor(String what, Duration period, Predicate<AddressSnapshot> condition) {
        long end = System.nanoTime() + period.toNanos();
        long start = System.nanoTime();
        do {
            AddressSnapshot s = snapshot();
            if (!condition.test(s)) {
                throw new AssertionError("stopped holding after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + what
                        + "\n" + describe(s));
            }
            pause();
        } while (System.nanoTime() < end);
    }

    /** Every node's addresses and the tail of its log: what a failed scenario needs to be understood. */
    String describe(AddressSnapshot s) {
        StringBuilder b = new StringBuilder("addresses on ").append(Lab.LAN_INTERFACE).append(":\n").append(s);
        for (Node n : nodes) {
            b.append("\n--- ").append(n.name()).append(" log ").append(n.log()).append(":\n").append(Shell.tail(n.log(), 25));
        }
        return b.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
