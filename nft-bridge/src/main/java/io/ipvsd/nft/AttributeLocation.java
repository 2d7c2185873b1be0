package io.ipvsd.nft;

import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Names the attribute at a byte offset of a message sent: the kernel reports refused attributes
 * by offset (NLMSGERR_ATTR_OFFS). Within a rule it names the expression, e.g. "expression 8
 * (lookup)", which is what nft underlines in its own error output.
 */
final class AttributeLocation {
    private static final int ATTRIBUTES_START = Netlink.HEADER_LENGTH + NfTables.HEADER_LENGTH;
    private static final int NFTA_EXPR_NAME = 1;

    /** One attribute in the message: where it starts, its length (header included), its type. */
    private record Span(int start, int length, int type) {
        int end() {
            return start + length;
        }

        int valueStart() {
            return start + Netlink.ATTR_HEADER_LENGTH;
        }
    }

    private AttributeLocation() {
    }

    /** Null when the offset is outside the message's attributes. */
    static String describe(NetlinkMessage sent, int offset) {
        ByteBuffer b = ByteBuffer.wrap(sent.encode()).order(ByteOrder.nativeOrder());
        int limit = Netlink.HEADER_LENGTH + sent.payload().length;
        Span attr = offset < ATTRIBUTES_START ? null : find(b, ATTRIBUTES_START, limit, offset, -1);
        if (attr == null) {
            return null;
        }
        if (NfTables.msg(sent.type()) == NfTables.NEWRULE && attr.type() == Rule.NFTA_RULE_EXPRESSIONS && offset > attr.start()) {
            return expression(b, attr, offset);
        }
        return "attribute " + attr.type();
    }

    private static String expression(ByteBuffer b, Span list, int offset) {
        int index = 1;
        for (int pos = list.valueStart(); pos + Netlink.ATTR_HEADER_LENGTH <= list.end(); index++) {
            Span elem = at(b, pos);
            if (elem.length() < Netlink.ATTR_HEADER_LENGTH) {
                return null;
            }
            if (offset < elem.end()) {
                Span name = find(b, elem.valueStart(), elem.end(), -1, NFTA_EXPR_NAME);
                return "expression " + index + (name == null ? "" : " (" + string(b, name) + ")");
            }
            pos += Netlink.align(elem.length());
        }
        return null;
    }

    /** The attribute between start and end that holds {@code offset}, or (offset -1) has {@code type}. */
    private static Span find(ByteBuffer b, int start, int end, int offset, int type) {
        for (int pos = start; pos + Netlink.ATTR_HEADER_LENGTH <= end; ) {
            Span s = at(b, pos);
            if (s.length() < Netlink.ATTR_HEADER_LENGTH) {
                return null;
            }
            if (offset >= 0 ? offset < s.end() : s.type() == type) {
                return s;
            }
            pos += Netlink.align(s.length());
        }
        return null;
    }

    private static Span at(ByteBuffer b, int pos) {
        return new Span(pos, Short.toUnsignedInt(b.getShort(pos)), b.getShort(pos + 2) & Netlink.NLA_TYPE_MASK);
    }

    private static String string(ByteBuffer b, Span attr) {
        byte[] value = new byte[attr.length() - Netlink.ATTR_HEADER_LENGTH];
        b.get(attr.valueStart(), value);
        String s = new String(value, StandardCharsets.UTF_8);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
