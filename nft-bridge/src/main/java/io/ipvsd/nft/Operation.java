package io.ipvsd.nft;

import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One message of an nf_tables batch. Nothing happens until a batch runs; the description names
 * the operation in errors, the change line in plans.
 */
sealed interface Operation {

    /** The request, without NLM_F_REQUEST / NLM_F_ACK (the batch adds them). */
    NetlinkMessage message();

    /** nft-like text of the operation, for errors. */
    String describe();

    /** The line a plan shows ("+" adds, "~" changes, "-" removes); null for a part of another change. */
    String change();

    record AddTable(String table, boolean wakeDormant) implements Operation {
        @Override
        public NetlinkMessage message() {
            // Flags 0, as nft's "add table": creates, or updates an existing table's flags.
            return NfTables.message(NfTables.NEWTABLE, 0, w -> new Table(table, 0, 0).write(w));
        }

        @Override
        public String describe() {
            return "add table inet " + table;
        }

        @Override
        public String change() {
            return wakeDormant ? "~ table inet " + table + " (clear the dormant flag)" : "+ table inet " + table;
        }
    }

    record AddChain(Chain chain) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.NEWCHAIN, Netlink.NLM_F_CREATE, chain::write);
        }

        @Override
        public String describe() {
            Chain.Hook h = chain.hook();
            return "add chain inet " + chain.table() + " " + chain.name() + " { type " + h.type() + " hook "
                    + (h.hooknum() == Chain.Hook.PREROUTING ? "prerouting" : "postrouting") + " priority " + h.priority()
                    + "; policy accept; }";
        }

        @Override
        public String change() {
            return "+ " + describe().substring("add ".length());
        }
    }

    record DeleteChain(Chain chain, String reason) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.DELCHAIN, 0, w -> w.string(Chain.NFTA_CHAIN_TABLE, chain.table())
                    .string(Chain.NFTA_CHAIN_NAME, chain.name()));
        }

        @Override
        public String describe() {
            return "delete chain inet " + chain.table() + " " + chain.name();
        }

        @Override
        public String change() {
            return "- chain inet " + chain.table() + " " + chain.name() + " (" + reason + ")";
        }
    }

    /** @param rule the rule a set belongs to when anonymous, else null */
    record AddSet(NftSet set, String rule) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.NEWSET, Netlink.NLM_F_CREATE, set::write);
        }

        @Override
        public String describe() {
            return "add set inet " + set.table() + " " + set.name() + (rule == null ? "" : " (of " + rule + ")");
        }

        @Override
        public String change() {
            return rule == null ? "+ set inet " + set.table() + " " + set.name() : null;
        }
    }

    record DeleteSet(NftSet set, String reason) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.DELSET, 0, w -> w.string(NftSet.NFTA_SET_TABLE, set.table())
                    .string(NftSet.NFTA_SET_NAME, set.name()));
        }

        @Override
        public String describe() {
            return "delete set inet " + set.table() + " " + set.name();
        }

        @Override
        public String change() {
            return "- set inet " + set.table() + " " + set.name() + " (" + reason + ")";
        }
    }

    /** @param rule the rule the set belongs to when anonymous, else null */
    record AddElements(SetElements elements, String rule) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.NEWSETELEM, Netlink.NLM_F_CREATE, elements::write);
        }

        @Override
        public String describe() {
            return "add element inet " + elements.table() + " " + elements.set() + " " + format(elements.elements());
        }

        @Override
        public String change() {
            return rule == null ? "+ element inet " + elements.table() + " " + elements.set() + " " + format(elements.elements()) : null;
        }
    }

    record DeleteElements(SetElements elements) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.DELSETELEM, 0, elements::write);
        }

        @Override
        public String describe() {
            return "delete element inet " + elements.table() + " " + elements.set() + " " + format(elements.elements());
        }

        @Override
        public String change() {
            return "- element inet " + elements.table() + " " + elements.set() + " " + format(elements.elements());
        }
    }

    /** @param before handle of the rule to insert before, or 0 to append to the chain */
    record AddRule(Rule rule, long before) implements Operation {
        @Override
        public NetlinkMessage message() {
            int flags = Netlink.NLM_F_CREATE | (before == 0 ? Netlink.NLM_F_APPEND : 0);
            return NfTables.message(NfTables.NEWRULE, flags, w -> rule.write(w, before));
        }

        @Override
        public String describe() {
            return (before == 0 ? "add rule inet " : "insert rule inet ") + rule.table() + " " + rule.chain()
                    + (before == 0 ? "" : " position " + before) + " comment \"" + rule.comment().orElse("") + "\"";
        }

        @Override
        public String change() {
            return "+ rule inet " + rule.table() + " " + rule.chain() + " " + rule.comment().orElse("")
                    + (before == 0 ? "" : " (before handle " + before + ")");
        }
    }

    record DeleteRule(Rule rule, String reason) implements Operation {
        @Override
        public NetlinkMessage message() {
            return NfTables.message(NfTables.DELRULE, 0, w -> w.string(Rule.NFTA_RULE_TABLE, rule.table())
                    .string(Rule.NFTA_RULE_CHAIN, rule.chain()).be64(Rule.NFTA_RULE_HANDLE, rule.handle()));
        }

        @Override
        public String describe() {
            return "delete rule inet " + rule.table() + " " + rule.chain() + " handle " + rule.handle();
        }

        @Override
        public String change() {
            return "- rule inet " + rule.table() + " " + rule.chain() + " handle " + rule.handle() + " (" + reason + ")";
        }
    }

    /** Elements as nft would print their keys: Ethernet addresses with colons, others in hex. */
    private static String format(List<SetElement> elements) {
        return elements.stream()
                .map(e -> (e.key().length() == 6 ? HexFormat.ofDelimiter(":").formatHex(e.key().toArray()) : "0x" + e.key().hex())
                        + (e.intervalEnd() ? "(end)" : ""))
                .collect(Collectors.joining(", ", "{ ", " }"));
    }
}
