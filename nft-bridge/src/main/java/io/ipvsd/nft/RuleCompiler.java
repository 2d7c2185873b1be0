package io.ipvsd.nft;

import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Cmp;
import io.ipvsd.nft.expr.Counter;
import io.ipvsd.nft.expr.Ct;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Exprs;
import io.ipvsd.nft.expr.Immediate;
import io.ipvsd.nft.expr.Lookup;
import io.ipvsd.nft.expr.Masq;
import io.ipvsd.nft.expr.Meta;
import io.ipvsd.nft.expr.Payload;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns a ruleset into kernel rules, chains and sets. Pure. */
final class RuleCompiler {
    static final String PREROUTING = "prerouting";
    static final String POSTROUTING = "postrouting";
    /** NF_IP_PRI_MANGLE: marks are set before IPVS (at NF_IP_PRI_NAT_SRC - 2 on LOCAL_IN) looks. */
    static final int MANGLE_PRIORITY = -150;
    /** NF_IP_PRI_NAT_SRC. */
    static final int SRCNAT_PRIORITY = 100;
    /** ARPHRD_ETHER: nft checks the link type before reading an Ethernet source address. */
    private static final int ARPHRD_ETHER = 1;
    private static final int HASH_HEX_DIGITS = 12;

    private RuleCompiler() {
    }

    static CompiledRuleset compile(NftRuleset ruleset) {
        String table = ruleset.table();
        List<Chain> chains = new ArrayList<>();
        if (!ruleset.marks().isEmpty()) {
            chains.add(new Chain(table, PREROUTING, 0,
                    new Chain.Hook("filter", Chain.Hook.PREROUTING, MANGLE_PRIORITY, Chain.Hook.ACCEPT)));
        }
        if (!ruleset.masquerades().isEmpty()) {
            chains.add(new Chain(table, POSTROUTING, 0,
                    new Chain.Hook("nat", Chain.Hook.POSTROUTING, SRCNAT_PRIORITY, Chain.Hook.ACCEPT)));
        }
        List<DesiredSet> namedSets = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (MarkRule m : ruleset.marks()) {
            if (!m.excludeSourceMacs().isEmpty()) {
                NftSet set = new NftSet(table, m.excludeSetName(), 0, 0, NftSet.TYPE_ETHER_ADDR, 6, 0, 0);
                namedSets.add(new DesiredSet(set, m.excludeSourceMacs().stream().map(mac -> SetElement.of(mac.bytes())).toList()));
            }
            byFamily(m.addresses()).forEach((family, addresses) -> rules.add(mark(table, m, family, addresses)));
        }
        for (MasqueradeRule m : ruleset.masquerades()) {
            rules.addAll(masquerade(table, m));
        }
        return new CompiledRuleset(table, chains, namedSets, rules);
    }

    private static CompiledRule mark(String table, MarkRule rule, IpFamily family, List<InetAddress> addresses) {
        Matches m = new Matches(table);
        if (rule.inInterface() != null) {
            m.interfaceName(Meta.IIFNAME, rule.inInterface());
        }
        m.family(family).anyOf(Payload.load(Payload.NETWORK_HEADER, family.destinationOffset, family.addressLength),
                addresses.stream().map(a -> Bytes.of(a.getAddress())).toList(), family.keyType);
        if (!rule.protocols().isEmpty()) {
            m.anyOf(Meta.load(Meta.L4PROTO),
                    rule.protocols().stream().map(p -> Bytes.of((byte) p.number())).toList(), NftSet.TYPE_INET_PROTO);
        }
        if (!rule.ports().isEmpty()) {
            m.then(Payload.load(Payload.TRANSPORT_HEADER, 2, 2)).ports(rule.ports());
        }
        if (!rule.excludeSourceMacs().isEmpty()) {
            m.then(Meta.load(Meta.IIFTYPE)).then(Cmp.eq(hostU16(ARPHRD_ETHER)))
                    .then(Payload.load(Payload.LINK_HEADER, 6, 6))
                    .then(new Lookup(rule.excludeSetName(), Expr.REG_1, 0, true));
        }
        m.then(Counter.ZERO).then(Immediate.of(hostU32(rule.mark()))).then(Meta.store(Meta.MARK));
        return tagged(PREROUTING, rule.name() + "/" + family.keyword(), m);
    }

    /**
     * One rule per family the rule is limited to; one rule for both when it names neither a
     * source nor original destinations.
     */
    private static List<CompiledRule> masquerade(String table, MasqueradeRule rule) {
        List<CompiledRule> out = new ArrayList<>();
        if (rule.source() == null && rule.originalDestinations().isEmpty()) {
            Matches m = new Matches(table);
            if (rule.outInterface() != null) {
                m.interfaceName(Meta.OIFNAME, rule.outInterface());
            }
            m.then(Counter.ZERO).then(new Masq(0));
            out.add(tagged(POSTROUTING, rule.name() + "/inet", m));
            return out;
        }
        Map<IpFamily, List<InetAddress>> destinations = byFamily(rule.originalDestinations());
        if (rule.source() != null) {
            destinations.putIfAbsent(IpFamily.of(rule.source().address()), List.of());
        }
        destinations.forEach((family, addresses) -> {
            Matches m = new Matches(table);
            if (rule.outInterface() != null) {
                m.interfaceName(Meta.OIFNAME, rule.outInterface());
            }
            if (rule.source() != null) {
                m.family(family).prefix(rule.source(), family.sourceOffset);
            }
            if (!addresses.isEmpty()) {
                // The typed ct key implies the family: nft adds no meta nfproto for it.
                m.anyOf(Ct.original(family.ctOriginalDestination),
                        addresses.stream().map(a -> Bytes.of(a.getAddress())).toList(), family.keyType);
            }
            m.then(Counter.ZERO).then(new Masq(0));
            out.add(tagged(POSTROUTING, rule.name() + "/" + family.keyword(), m));
        });
        return out;
    }

    private static Map<IpFamily, List<InetAddress>> byFamily(List<InetAddress> addresses) {
        Map<IpFamily, List<InetAddress>> out = new EnumMap<>(IpFamily.class);
        for (InetAddress a : addresses) {
            out.computeIfAbsent(IpFamily.of(a), f -> new ArrayList<>()).add(a);
        }
        return out;
    }

    private static CompiledRule tagged(String chain, String id, Matches m) {
        return new CompiledRule(chain, new RuleTag(id, hash(chain, m)), m.exprs(), m.anonymousSets());
    }

    /** A digest of everything the rule does, anonymous sets' contents included. */
    private static String hash(String chain, Matches m) {
        AttrWriter w = new AttrWriter();
        w.string(0, chain);
        Exprs.write(w, m.exprs());
        for (DesiredSet s : m.anonymousSets()) {
            s.set().write(w);
            new SetElements(s.set().table(), s.set().name(), 0, s.elements()).write(w);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(w.toBytes());
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Bytes hostU16(int value) {
        return Bytes.of(ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** Registers hold a mark in host order: meta mark set copies it into skb->mark as a u32. */
    private static Bytes hostU32(long value) {
        return Bytes.of(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) value).array());
    }
}
