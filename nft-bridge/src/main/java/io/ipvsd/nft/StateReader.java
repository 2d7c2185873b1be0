package io.ipvsd.nft;

import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one table: its chains, rules, sets and named sets' elements, bracketed by two reads of
 * the ruleset generation so the parts belong to one state. Only this table is asked for; other
 * tables are never read, let alone changed.
 */
final class StateReader {
    /** A table that changes between every pair of reads is being rewritten: give up after this many. */
    private static final int ATTEMPTS = 5;

    private final Connection connection;

    StateReader(Connection connection) {
        this.connection = connection;
    }

    NftTableState read(String table) throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long before = generation();
            NftTableState state;
            try {
                state = readAt(before, table);
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                continue; // the table or a set went away while read
            }
            if (generation() == before) {
                return state;
            }
        }
        throw new IOException("table inet " + table + " changed during each of " + ATTEMPTS + " reads");
    }

    long generation() throws IOException {
        NetlinkMessage request = NfTables.message(NfTables.GETGEN, 0, w -> { });
        for (NetlinkMessage m : connection.execute("get nf_tables generation", request)) {
            if (NfTables.msg(m.type()) == NfTables.NEWGEN) {
                var r = NfTables.attributes(m);
                while (r.next()) {
                    if (r.type() == NfTables.NFTA_GEN_ID) {
                        return r.be32();
                    }
                }
                r.check("decode generation");
            }
        }
        throw new NetlinkProtocolException("get nf_tables generation: no NFTA_GEN_ID in the answer");
    }

    List<Rule> rules(String table) throws IOException {
        List<Rule> rules = new ArrayList<>();
        NetlinkMessage request = NfTables.message(NfTables.GETRULE, 0, w -> w.string(Rule.NFTA_RULE_TABLE, table));
        for (NetlinkMessage m : connection.dump("list rules of inet " + table, request)) {
            Rule r = Rule.decode(m);
            if (r.table().equals(table)) {
                rules.add(r);
            }
        }
        return rules;
    }

    /** Every rule of every table, in every family: one dump, read only. */
    List<ListedRule> allRules() throws IOException {
        List<ListedRule> rules = new ArrayList<>();
        NetlinkMessage request = NfTables.message(NfTables.NFPROTO_UNSPEC, NfTables.GETRULE, 0, w -> { });
        for (NetlinkMessage m : connection.dump("list the rules of every table", request)) {
            if (NfTables.msg(m.type()) == NfTables.NEWRULE) {
                rules.add(new ListedRule(m.payload()[0] & 0xff, Rule.decode(m)));
            }
        }
        return rules;
    }

    private NftTableState readAt(long generation, String table) throws IOException {
        Table t = table(table);
        if (t == null) {
            return NftTableState.absent(generation);
        }
        List<Chain> chains = new ArrayList<>();
        // Chain dumps are not filtered by table in the kernel: filter here.
        for (NetlinkMessage m : connection.dump("list chains of inet " + table, NfTables.message(NfTables.GETCHAIN, 0, w -> { }))) {
            Chain c = Chain.decode(m);
            if (c.table().equals(table)) {
                chains.add(c);
            }
        }
        List<Rule> rules = rules(table);
        List<NftSet> sets = new ArrayList<>();
        NetlinkMessage listSets = NfTables.message(NfTables.GETSET, 0, w -> w.string(NftSet.NFTA_SET_TABLE, table));
        for (NetlinkMessage m : connection.dump("list sets of inet " + table, listSets)) {
            NftSet s = NftSet.decode(m);
            if (s.table().equals(table)) {
                sets.add(s);
            }
        }
        Map<String, List<SetElement>> elements = new HashMap<>();
        for (NftSet s : sets) {
            if (!s.anonymous()) {
                elements.put(s.name(), elements(table, s.name()));
            }
        }
        return new NftTableState(generation, t, chains, rules, sets, elements);
    }

    private Table table(String table) throws IOException {
        NetlinkMessage request = NfTables.message(NfTables.GETTABLE, 0, w -> w.string(Table.NFTA_TABLE_NAME, table));
        try {
            for (NetlinkMessage m : connection.execute("get table inet " + table, request)) {
                if (NfTables.msg(m.type()) == NfTables.NEWTABLE) {
                    return Table.decode(m);
                }
            }
            throw new NetlinkProtocolException("get table inet " + table + ": no table in the answer");
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }

    private List<SetElement> elements(String table, String set) throws IOException {
        List<SetElement> out = new ArrayList<>();
        NetlinkMessage request = NfTables.message(NfTables.GETSETELEM, 0,
                w -> w.string(SetElements.NFTA_SET_ELEM_LIST_TABLE, table).string(SetElements.NFTA_SET_ELEM_LIST_SET, set));
        for (NetlinkMessage m : connection.dump("list elements of set inet " + table + " " + set, request)) {
            out.addAll(SetElements.decode(m).elements());
        }
        return out.stream().sorted().toList();
    }
}
