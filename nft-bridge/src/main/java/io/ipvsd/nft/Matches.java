package io.ipvsd.nft;

import io.ipvsd.nft.expr.Bitwise;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Cmp;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Lookup;
import io.ipvsd.nft.expr.Meta;
import io.ipvsd.nft.expr.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a rule's expressions match by match, in the forms nft 1.0.6 emits for the same text,
 * so ipvsd's rules are byte-equal to nft's and `nft list` prints them as an operator would
 * write them. Several values become an anonymous set, made in the same batch as the rule.
 */
final class Matches {
    private static final int IFNAMSIZ = 16;

    private final String table;
    private final List<Expr> exprs = new ArrayList<>();
    private final List<DesiredSet> anonymousSets = new ArrayList<>();

    Matches(String table) {
        this.table = table;
    }

    Matches then(Expr e) {
        exprs.add(e);
        return this;
    }

    /** iifname / oifname "NAME": the whole 16-byte buffer, so "eth1" does not match "eth10". */
    Matches interfaceName(int metaKey, String name) {
        byte[] padded = Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), IFNAMSIZ);
        return then(Meta.load(metaKey)).then(Cmp.eq(Bytes.of(padded)));
    }

    Matches family(IpFamily f) {
        return then(Meta.load(Meta.NFPROTO)).then(Cmp.eq(Bytes.of((byte) f.nfproto)));
    }

    /** The loaded value equals one of {@code values}: a cmp for one, an anonymous set for more. */
    Matches anyOf(Expr load, List<Bytes> values, int keyType) {
        List<Bytes> sorted = values.stream().sorted().distinct().toList();
        then(load);
        if (sorted.size() == 1) {
            return then(Cmp.eq(sorted.get(0)));
        }
        return lookupNew(keyType, sorted.get(0).length(), 0, sorted.stream().map(SetElement::of).toList());
    }

    /** The loaded 16-bit port is in one of the ranges (after merging overlaps and neighbours). */
    Matches ports(List<PortRange> ranges) {
        List<PortRange> merged = merge(ranges);
        if (merged.size() == 1) {
            PortRange r = merged.get(0);
            if (r.first() == r.last()) {
                return then(Cmp.eq(Bytes.be16(r.first())));
            }
            return then(new Cmp(Expr.REG_1, Cmp.Op.GTE, Bytes.be16(r.first())))
                    .then(new Cmp(Expr.REG_1, Cmp.Op.LTE, Bytes.be16(r.last())));
        }
        if (merged.stream().allMatch(r -> r.first() == r.last())) {
            return lookupNew(NftSet.TYPE_INET_SERVICE, 2, 0,
                    merged.stream().map(r -> SetElement.of(Bytes.be16(r.first()))).toList());
        }
        return lookupNew(NftSet.TYPE_INET_SERVICE, 2, NftSet.F_INTERVAL, intervalElements(merged));
    }

    /**
     * The address at {@code offset} is in the prefix: nft loads only the bytes the prefix spans
     * and masks the last one when the prefix ends inside it.
     */
    Matches prefix(Prefix p, int offset) {
        int bytes = (p.length() + 7) / 8;
        byte[] network = Arrays.copyOf(p.address().getAddress(), bytes);
        then(Payload.load(Payload.NETWORK_HEADER, offset, bytes));
        if (p.length() % 8 != 0) {
            byte[] mask = new byte[bytes];
            Arrays.fill(mask, (byte) 0xff);
            mask[bytes - 1] = (byte) (0xff << (8 - p.length() % 8));
            then(Bitwise.mask(Bytes.of(mask)));
        }
        return then(Cmp.eq(Bytes.of(network)));
    }

    List<Expr> exprs() {
        return List.copyOf(exprs);
    }

    /** The anonymous sets, in the order of their lookups (lookup set id i+1 is set i). */
    List<DesiredSet> anonymousSets() {
        return List.copyOf(anonymousSets);
    }

    private Matches lookupNew(int keyType, int keyLength, int extraFlags, List<SetElement> elements) {
        int localId = anonymousSets.size() + 1;
        NftSet set = new NftSet(table, NftSet.ANONYMOUS_NAME, 0, NftSet.F_ANONYMOUS | NftSet.F_CONSTANT | extraFlags,
                keyType, keyLength, localId, elements.size());
        anonymousSets.add(new DesiredSet(set, elements));
        return then(new Lookup(NftSet.ANONYMOUS_NAME, Expr.REG_1, localId, false));
    }

    static List<PortRange> merge(List<PortRange> ranges) {
        List<PortRange> sorted = ranges.stream()
                .sorted((a, b) -> a.first() != b.first() ? Integer.compare(a.first(), b.first()) : Integer.compare(a.last(), b.last()))
                .toList();
        List<PortRange> out = new ArrayList<>();
        for (PortRange r : sorted) {
            PortRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.first() <= last.last() + 1) {
                out.set(out.size() - 1, new PortRange(last.first(), Math.max(last.last(), r.last())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * nft's encoding of an interval set: each range's first port, then the port after its last
     * flagged INTERVAL_END (omitted when the range reaches 65535), and a leading 0 flagged
     * INTERVAL_END when the first range does not start at 0.
     */
    static List<SetElement> intervalElements(List<PortRange> merged) {
        List<SetElement> out = new ArrayList<>();
        if (merged.get(0).first() > 0) {
            out.add(new SetElement(Bytes.be16(0), SetElement.INTERVAL_END));
        }
        for (PortRange r : merged) {
            out.add(SetElement.of(Bytes.be16(r.first())));
            if (r.last() < 0xffff) {
                out.add(new SetElement(Bytes.be16(r.last() + 1), SetElement.INTERVAL_END));
            }
        }
        return out;
    }
}
