package io.ipvsd.nft;

import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkSocket;
import io.ipvsd.netlink.jnr.NetlinkSockets;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ipvsd's nf_tables client: reads its one table, plans the batch that makes the table equal to a
 * ruleset, and applies it. Rules live in the kernel independent of this client (the table is
 * not owner-bound), so they keep steering traffic while the daemon is stopped, and a restarted
 * daemon adopts them: an unchanged ruleset plans no change at all.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class NftClient implements Closeable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** A sync that keeps losing the race to other writers of the ruleset gives up after this many. */
    static final int SYNC_ATTEMPTS = 5;

    private final Connection connection;
    private final StateReader reader;
    private final BatchRunner batches;

    private NftClient(NetlinkSocket socket, Duration timeout) {
        this.connection = new Connection(socket, timeout);
        this.reader = new StateReader(connection);
        this.batches = new BatchRunner(socket, timeout);
    }

    /** A client of this process's network namespace. */
    public static NftClient open() throws IOException {
        return new NftClient(NetlinkSockets.open(Netlink.NETLINK_NETFILTER), DEFAULT_TIMEOUT);
    }

    /** A client of the network namespace at {@code netns}, e.g. /run/netns/NAME. */
    public static NftClient open(Path netns) throws IOException {
        return new NftClient(NetlinkSockets.openIn(netns, Netlink.NETLINK_NETFILTER), DEFAULT_TIMEOUT);
    }

    /** A client over any netlink socket, e.g. a fake kernel in tests. */
    public static NftClient over(NetlinkSocket socket, Duration timeout) {
        return new NftClient(socket, timeout);
    }

    /** Reads the table named {@code table} of family inet (absent is a state too). */
    public NftTableState read(String table) throws IOException {
        return reader.read(table);
    }

    /** Reads the table and plans the batch that makes it equal to {@code desired}. */
    public NftPlan plan(NftRuleset desired) throws IOException {
        return NftPlanner.plan(desired, read(desired.table()));
    }

    /**
     * Applies a plan as one atomic batch. Fails with errno ERESTART, applying nothing, when the
     * ruleset changed since the plan's reading: plan again from a fresh reading.
     *
     * @throws NftBatchException when the kernel refuses the batch; nothing was applied
     */
    public void apply(NftPlan plan) throws IOException {
        if (!plan.isEmpty()) {
            batches.run(plan.operations(), plan.generation());
        }
    }

    /**
     * Makes the table equal to {@code desired}: read, plan, apply one batch; when another writer
     * changed the ruleset in between, again from a fresh reading.
     *
     * @return the plan applied (empty when the table was already as desired)
     */
    public NftPlan sync(NftRuleset desired) throws IOException {
        for (int attempt = 1; ; attempt++) {
            NftPlan plan = plan(desired);
            try {
                apply(plan);
                return plan;
            } catch (NftBatchException e) {
                if (e.errno() != Errno.ERESTART || attempt == SYNC_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Every rule of every table of every family, ipvsd's and others' (read only: e.g. to see
     * whether another firewall drops what ipvsd needs).
     */
    public List<ListedRule> allRules() throws IOException {
        return reader.allRules();
    }

    /**
     * Counters of ipvsd's rules in the table, per ruleset rule, in rule order. One dump; rules
     * without ipvsd's tag are left out.
     */
    public List<RuleCounters> counters(String table) throws IOException {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Rule r : reader.rules(table)) {
            Optional<RuleTag> tag = RuleTag.of(r);
            if (tag.isPresent()) {
                long[] sum = sums.computeIfAbsent(tag.get().ruleName(), k -> new long[2]);
                sum[0] += r.counter().packets();
                sum[1] += r.counter().bytes();
            }
        }
        return sums.entrySet().stream().map(e -> new RuleCounters(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    @Override
    public void close() {
        connection.close();
    }
}
