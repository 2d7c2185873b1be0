package io.ipvsd.nft.testkit;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.netlink.NetlinkSocket;
import io.ipvsd.nft.Chain;
import io.ipvsd.nft.NfTables;
import io.ipvsd.nft.NftSet;
import io.ipvsd.nft.Rule;
import io.ipvsd.nft.SetElement;
import io.ipvsd.nft.SetElements;
import io.ipvsd.nft.Table;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Counter;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Lookup;
import io.ipvsd.nft.testkit.FakeRuleset.FakeChain;
import io.ipvsd.nft.testkit.FakeRuleset.FakeSet;
import io.ipvsd.nft.testkit.FakeRuleset.FakeTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * An nf_tables kernel at the netlink message boundary, for fast tests without root: it answers
 * generation, table, chain, rule, set and element requests and dumps, and applies batches to a
 * copy of its ruleset that is committed only when every message succeeded, failing like the
 * kernel (ENOENT for a missing object, EEXIST, EBUSY for a set in use, ERESTART for a batch
 * begun at a stale generation). Several {@link #socket()}s share one kernel, as processes do.
 *
 * <p>Test hooks change the ruleset "from outside" (flush, foreign rules and tables), set counters
 * as traffic would, and run an action just before the next batch to race a writer against it.
 */
public final class FakeNfTables {
    private FakeRuleset committed = new FakeRuleset();
    private long generation = 1;
    private final List<byte[]> batches = new ArrayList<>();
    private Runnable beforeNextBatch;
    private int nextPort = 1000;

    /** A new socket into this kernel. */
    public NetlinkSocket socket() {
        return new FakeSocket(nextPort++);
    }

    public synchronized long generation() {
        return generation;
    }

    /** Every batch datagram received, accepted or not, in order. */
    public synchronized List<byte[]> batches() {
        return List.copyOf(batches);
    }

    /** Runs {@code action} once, when the next batch arrives and before it is looked at. */
    public synchronized void beforeNextBatch(Runnable action) {
        beforeNextBatch = action;
    }

    public synchronized boolean hasTable(String name) {
        return committed.tables.containsKey(name);
    }

    public synchronized List<String> chains(String table) {
        return List.copyOf(committed.tables.get(table).chains.keySet());
    }

    public synchronized List<Rule> rules(String table, String chain) {
        return List.copyOf(committed.tables.get(table).chains.get(chain).rules);
    }

    public synchronized List<String> sets(String table) {
        return List.copyOf(committed.tables.get(table).sets.keySet());
    }

    public synchronized List<SetElement> elements(String table, String set) {
        return List.copyOf(committed.tables.get(table).sets.get(set).elements);
    }

    /** nft flush ruleset: every table goes. */
    public synchronized void flushRuleset() {
        committed.tables.clear();
        generation++;
    }

    public synchronized void addTable(String name) {
        committed.tables.put(name, new FakeTable(new Table(name, 0, committed.handle())));
        generation++;
    }

    public synchronized void setTableFlags(String name, int flags) {
        FakeTable t = committed.tables.get(name);
        t.table = new Table(name, flags, t.table.handle());
        generation++;
    }

    /** Appends a rule to a chain (the chain is made as a regular chain if missing); returns its handle. */
    public synchronized long addRule(String table, String chain, List<Expr> exprs, Bytes userdata) {
        FakeTable t = committed.tables.computeIfAbsent(table, n -> new FakeTable(new Table(n, 0, committed.handle())));
        FakeChain c = t.chains.computeIfAbsent(chain, n -> new FakeChain(new Chain(table, n, committed.handle(), null)));
        long handle = committed.handle();
        c.rules.add(new Rule(table, chain, handle, exprs, userdata));
        generation++;
        return handle;
    }

    public synchronized void deleteRule(String table, long handle) {
        FakeTable t = committed.tables.get(table);
        for (FakeChain c : t.chains.values()) {
            c.rules.stream().filter(r -> r.handle() == handle).findFirst().ifPresent(r -> unbind(t, r));
            c.rules.removeIf(r -> r.handle() == handle);
        }
        generation++;
    }

    /** Sets a rule's counter as traffic would (traffic does not change the generation). */
    public synchronized void count(String table, long handle, long packets, long bytes) {
        for (FakeChain c : committed.tables.get(table).chains.values()) {
            c.rules.replaceAll(r -> r.handle() != handle ? r : new Rule(r.table(), r.chain(), r.handle(),
                    r.exprs().stream().map(e -> e instanceof Counter ? (Expr) new Counter(packets, bytes) : e).toList(), r.userdata()));
        }
    }

    private final class FakeSocket implements NetlinkSocket {
        private final int port;
        private final Queue<byte[]> inbox = new ArrayDeque<>();

        FakeSocket(int port) {
            this.port = port;
        }

        @Override
        public int portId() {
            return port;
        }

        @Override
        public void send(byte[] datagram) throws NetlinkProtocolException {
            List<NetlinkMessage> messages = NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
            List<NetlinkMessage> answers = new ArrayList<>();
            synchronized (FakeNfTables.this) {
                if (!messages.isEmpty() && messages.get(0).type() == NfTables.NFNL_MSG_BATCH_BEGIN) {
                    batches.add(datagram.clone());
                    batch(messages, answers);
                } else {
                    for (NetlinkMessage m : messages) {
                        request(m, answers);
                    }
                }
            }
            for (NetlinkMessage a : answers) {
                inbox.add(a.encode());
            }
        }

        @Override
        public byte[] receive(long deadlineNanos) {
            return inbox.poll();
        }

        @Override
        public void close() {
        }

        private void request(NetlinkMessage m, List<NetlinkMessage> out) throws NetlinkProtocolException {
            boolean dump = (m.flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
            String table = string(m, 1);
            try {
                switch (NfTables.msg(m.type())) {
                    case NfTables.GETGEN -> out.add(reply(m, NfTables.NEWGEN, 0, w -> w.be32(NfTables.NFTA_GEN_ID, generation)));
                    case NfTables.GETTABLE -> {
                        FakeTable t = committed.tables.get(table);
                        if (t == null) {
                            throw new Refusal(Errno.ENOENT, "no such table");
                        }
                        out.add(reply(m, NfTables.NEWTABLE, 0, t.table::write));
                    }
                    case NfTables.GETCHAIN -> committed.tables.values().forEach(t -> t.chains.values()
                            .forEach(c -> out.add(reply(m, NfTables.NEWCHAIN, Netlink.NLM_F_MULTI, c.chain::write))));
                    case NfTables.GETRULE -> committed.tables.values().stream().filter(t -> table == null || t.table.name().equals(table))
                            .forEach(t -> t.chains.values().forEach(c -> c.rules
                                    .forEach(r -> out.add(reply(m, NfTables.NEWRULE, Netlink.NLM_F_MULTI, w -> r.write(w, 0))))));
                    case NfTables.GETSET -> existing(committed, table).sets.values()
                            .forEach(s -> out.add(reply(m, NfTables.NEWSET, Netlink.NLM_F_MULTI, s.set::write)));
                    case NfTables.GETSETELEM -> {
                        FakeSet s = existing(committed, table).sets.get(string(m, 2));
                        if (s == null) {
                            throw new Refusal(Errno.ENOENT, "no such set");
                        }
                        SetElements e = new SetElements(table, s.set.name(), 0, List.copyOf(s.elements));
                        out.add(reply(m, NfTables.NEWSETELEM, Netlink.NLM_F_MULTI, e::write));
                    }
                    default -> throw new Refusal(Errno.ENOTSUP, "the fake does not answer message " + m.type());
                }
            } catch (Refusal r) {
                out.add(answer(m, r.errno, r.getMessage()));
                return;
            }
            if (dump) {
                out.add(new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, m.seq(), port, new byte[4]));
            } else if ((m.flags() & Netlink.NLM_F_ACK) != 0) {
                out.add(answer(m, 0, null));
            }
        }

        private void batch(List<NetlinkMessage> messages, List<NetlinkMessage> out) throws NetlinkProtocolException {
            if (beforeNextBatch != null) {
                Runnable r = beforeNextBatch;
                beforeNextBatch = null;
                r.run();
            }
            NetlinkMessage begin = messages.get(0);
            Long genid = batchGeneration(begin);
            if (genid != null && genid != generation) {
                out.add(answer(begin, Errno.ERESTART, null));
                return;
            }
            FakeRuleset work = committed.copy();
            Map<Integer, String> setsById = new HashMap<>();
            boolean failed = false;
            boolean ended = false;
            for (NetlinkMessage m : messages.subList(1, messages.size())) {
                if (m.type() == NfTables.NFNL_MSG_BATCH_END) {
                    ended = true;
                    break;
                }
                Refusal refusal = null;
                try {
                    apply(work, m, setsById);
                } catch (Refusal r) {
                    refusal = r;
                    failed = true;
                }
                if (refusal != null) {
                    out.add(answer(m, refusal.errno, refusal.getMessage()));
                } else if ((m.flags() & Netlink.NLM_F_ACK) != 0) {
                    out.add(answer(m, 0, null));
                }
            }
            if (ended && !failed) {
                for (FakeTable t : work.tables.values()) {
                    t.sets.values().removeIf(s -> s.set.anonymous() && s.boundBy.isEmpty());
                }
                committed = work;
                generation++;
            }
        }

        private NetlinkMessage reply(NetlinkMessage request, int msg, int flags, Consumer<AttrWriter> attrs) {
            NetlinkMessage m = NfTables.message(msg, flags, attrs);
            return new NetlinkMessage(m.type(), flags, request.seq(), port, m.payload());
        }

        /** NLMSG_ERROR: the error, the request's header (capped), and the text as extended ack. */
        private NetlinkMessage answer(NetlinkMessage request, int errno, String text) {
            ByteBuffer b = ByteBuffer.allocate(4 + Netlink.HEADER_LENGTH).order(ByteOrder.nativeOrder());
            b.putInt(-errno).put(request.encode(), 0, Netlink.HEADER_LENGTH);
            AttrWriter w = new AttrWriter().header(b.array());
            int flags = Netlink.NLM_F_CAPPED;
            if (text != null && errno != 0) {
                w.string(Netlink.NLMSGERR_ATTR_MSG, text);
                flags |= Netlink.NLM_F_ACK_TLVS;
            }
            return new NetlinkMessage(Netlink.NLMSG_ERROR, flags, request.seq(), port, w.toBytes());
        }
    }

    private void apply(FakeRuleset work, NetlinkMessage m, Map<Integer, String> setsById) throws NetlinkProtocolException {
        boolean exclusive = (m.flags() & Netlink.NLM_F_EXCL) != 0;
        switch (NfTables.msg(m.type())) {
            case NfTables.NEWTABLE -> {
                Table t = Table.decode(m);
                FakeTable existing = work.tables.get(t.name());
                if (existing != null && exclusive) {
                    throw new Refusal(Errno.EEXIST, "table exists");
                }
                if (existing != null) {
                    existing.table = new Table(t.name(), t.flags(), existing.table.handle());
                } else {
                    work.tables.put(t.name(), new FakeTable(new Table(t.name(), t.flags(), work.handle())));
                }
            }
            case NfTables.DELTABLE -> {
                if (work.tables.remove(Table.decode(m).name()) == null) {
                    throw new Refusal(Errno.ENOENT, "no such table");
                }
            }
            case NfTables.NEWCHAIN -> {
                Chain c = Chain.decode(m);
                FakeTable t = existing(work, c.table());
                FakeChain existing = t.chains.get(c.name());
                if (existing != null && (exclusive || !Objects.equals(existing.chain.hook(), c.hook()))) {
                    throw new Refusal(Errno.EEXIST, "chain exists");
                }
                if (existing == null) {
                    t.chains.put(c.name(), new FakeChain(new Chain(c.table(), c.name(), work.handle(), c.hook())));
                }
            }
            case NfTables.DELCHAIN -> {
                Chain c = Chain.decode(m);
                FakeTable t = existing(work, c.table());
                FakeChain gone = t.chains.remove(c.name());
                if (gone == null) {
                    throw new Refusal(Errno.ENOENT, "no such chain");
                }
                gone.rules.forEach(r -> unbind(t, r));
            }
            case NfTables.NEWRULE -> addRule(work, m, setsById);
            case NfTables.DELRULE -> {
                Rule r = Rule.decode(m);
                FakeTable t = existing(work, r.table());
                FakeChain c = existingChain(t, r.chain());
                Rule gone = c.rules.stream().filter(x -> x.handle() == r.handle()).findFirst()
                        .orElseThrow(() -> new Refusal(Errno.ENOENT, "no rule with handle " + r.handle()));
                c.rules.remove(gone);
                unbind(t, gone);
            }
            case NfTables.NEWSET -> {
                NftSet s = NftSet.decode(m);
                FakeTable t = existing(work, s.table());
                if (s.keyLength() < 1 || s.keyLength() > 64) {
                    throw new Refusal(Errno.EINVAL, "bad key length " + s.keyLength());
                }
                String name = s.name();
                if (name.contains("%d")) {
                    int n = 0;
                    while (t.sets.containsKey(name.replace("%d", Integer.toString(n)))) {
                        n++;
                    }
                    name = name.replace("%d", Integer.toString(n));
                } else if (t.sets.containsKey(name)) {
                    if (exclusive) {
                        throw new Refusal(Errno.EEXIST, "set exists");
                    }
                    break;
                }
                if (s.id() != 0) {
                    setsById.put(s.id(), name);
                }
                t.sets.put(name, new FakeSet(new NftSet(s.table(), name, work.handle(), s.flags(), s.keyType(), s.keyLength(), 0, s.size())));
            }
            case NfTables.DELSET -> {
                NftSet s = NftSet.decode(m);
                FakeTable t = existing(work, s.table());
                FakeSet set = t.sets.get(s.name());
                if (set == null) {
                    throw new Refusal(Errno.ENOENT, "no such set");
                }
                if (!set.boundBy.isEmpty()) {
                    throw new Refusal(Errno.EBUSY, "set in use");
                }
                t.sets.remove(s.name());
            }
            case NfTables.NEWSETELEM, NfTables.DELSETELEM -> {
                SetElements e = SetElements.decode(m);
                FakeSet s = set(existing(work, e.table()), e.set(), e.setId(), setsById);
                for (SetElement el : e.elements()) {
                    if (el.key().length() != s.set.keyLength()) {
                        throw new Refusal(Errno.EINVAL, "element key of " + el.key().length() + " bytes in a set of " + s.set.keyLength());
                    }
                    if (NfTables.msg(m.type()) == NfTables.NEWSETELEM) {
                        s.elements.add(el);
                    } else if (!s.elements.remove(el)) {
                        throw new Refusal(Errno.ENOENT, "no such element");
                    }
                }
            }
            default -> throw new Refusal(Errno.ENOTSUP, "the fake does not apply message " + m.type());
        }
    }

    private static void addRule(FakeRuleset work, NetlinkMessage m, Map<Integer, String> setsById) throws NetlinkProtocolException {
        Rule r = Rule.decode(m);
        FakeTable t = existing(work, r.table());
        FakeChain c = existingChain(t, r.chain());
        long handle = work.handle();
        List<Expr> exprs = new ArrayList<>();
        for (Expr e : r.exprs()) {
            if (e instanceof Lookup l) {
                FakeSet s = set(t, l.set(), l.setId(), setsById);
                s.boundBy.add(handle);
                // The kernel reports the set's real name and never the batch id.
                e = new Lookup(s.set.name(), l.sreg(), 0, l.inverted());
            }
            exprs.add(e);
        }
        Rule added = new Rule(r.table(), r.chain(), handle, exprs, r.userdata());
        long position = position(m);
        boolean append = (m.flags() & Netlink.NLM_F_APPEND) != 0;
        int at = append ? c.rules.size() : 0;
        if (position != 0) {
            int i = 0;
            while (i < c.rules.size() && c.rules.get(i).handle() != position) {
                i++;
            }
            if (i == c.rules.size()) {
                throw new Refusal(Errno.ENOENT, "no rule with handle " + position);
            }
            at = append ? i + 1 : i;
        }
        c.rules.add(at, added);
    }

    /** As the kernel: by name among the table's sets, else by the id of a set of this batch. */
    private static FakeSet set(FakeTable t, String name, int id, Map<Integer, String> setsById) {
        FakeSet s = t.sets.get(name);
        if (s == null && id != 0 && setsById.containsKey(id)) {
            s = t.sets.get(setsById.get(id));
        }
        if (s == null) {
            throw new Refusal(Errno.ENOENT, "no set " + name + (id == 0 ? "" : " or with id " + id));
        }
        return s;
    }

    private static void unbind(FakeTable t, Rule r) {
        for (Expr e : r.exprs()) {
            if (e instanceof Lookup l && t.sets.containsKey(l.set())) {
                FakeSet s = t.sets.get(l.set());
                s.boundBy.remove(r.handle());
                if (s.set.anonymous() && s.boundBy.isEmpty()) {
                    t.sets.remove(l.set());
                }
            }
        }
    }

    private static FakeTable existing(FakeRuleset work, String table) {
        FakeTable t = work.tables.get(table);
        if (t == null) {
            throw new Refusal(Errno.ENOENT, "no such table");
        }
        return t;
    }

    private static FakeChain existingChain(FakeTable t, String chain) {
        FakeChain c = t.chains.get(chain);
        if (c == null) {
            throw new Refusal(Errno.ENOENT, "no such chain");
        }
        return c;
    }

    private static Long batchGeneration(NetlinkMessage begin) {
        AttrReader r = NfTables.attributes(begin);
        while (r.next()) {
            if (r.type() == NfTables.NFNL_BATCH_GENID) {
                return r.be32();
            }
        }
        return null;
    }

    private static long position(NetlinkMessage m) {
        AttrReader r = NfTables.attributes(m);
        while (r.next()) {
            if (r.type() == Rule.NFTA_RULE_POSITION) {
                return r.be64();
            }
        }
        return 0;
    }

    /** The first string attribute of the given type at the top level (a table or set name). */
    private static String string(NetlinkMessage m, int type) {
        AttrReader r = NfTables.attributes(m);
        while (r.next()) {
            if (r.type() == type) {
                return r.string();
            }
        }
        return null;
    }

    /** A message the fake refuses, with the errno the kernel would give. */
    private static final class Refusal extends RuntimeException {
        final int errno;

        Refusal(int errno, String text) {
            super(text, null, false, false);
            this.errno = errno;
        }
    }
}
