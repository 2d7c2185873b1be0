package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An NLMSG_ERROR payload: the (negated) errno, the echoed request header (cut to the header with
 * NETLINK_CAP_ACK), and with NETLINK_EXT_ACK the kernel's message and the offset of the
 * attribute it refused as attributes after it.
 *
 * @param errno  0 for an ack, else the positive errno
 * @param extAck the kernel's text, or null
 * @param offset byte offset, within the refused message, of the attribute the kernel pointed at,
 *               or -1 (nf_tables often sends only this)
 */
public record ErrorReply(int errno, String extAck, int offset) {

    public static ErrorReply parse(NetlinkMessage m) throws NetlinkProtocolException {
        ByteBuffer b = m.payloadBuffer().order(ByteOrder.nativeOrder());
        if (b.remaining() < 4 + Netlink.HEADER_LENGTH) {
            throw new NetlinkProtocolException("NLMSG_ERROR of " + b.remaining() + " bytes is too short");
        }
        int errno = -b.getInt(0);
        if (errno < 0) {
            throw new NetlinkProtocolException("NLMSG_ERROR carries a positive code " + (-errno));
        }
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return new ErrorReply(errno, null, -1);
        }
        int echoedLength = (m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_LENGTH : b.getInt(4);
        int tlvStart = 4 + Netlink.align(echoedLength);
        if (echoedLength < Netlink.HEADER_LENGTH || tlvStart > b.remaining()) {
            throw new NetlinkProtocolException("NLMSG_ERROR echoes " + echoedLength + " bytes but has " + b.remaining());
        }
        AttrReader r = AttrReader.of(b.position(tlvStart));
        String msg = null;
        int offset = -1;
        while (r.next()) {
            if (r.type() == Netlink.NLMSGERR_ATTR_MSG) {
                msg = r.string();
            } else if (r.type() == Netlink.NLMSGERR_ATTR_OFFS) {
                offset = (int) r.u32();
            }
        }
        r.check("extended ack");
        return new ErrorReply(errno, msg, offset);
    }
}
