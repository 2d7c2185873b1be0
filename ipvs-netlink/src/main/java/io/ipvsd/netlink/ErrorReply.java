package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An NLMSG_ERROR payload: the (negated) errno, the echoed request header (cut to the header with
 * NETLINK_CAP_ACK), and with NETLINK_EXT_ACK the kernel's message as attributes after it.
 */
record ErrorReply(int errno, String extAck) {

    static ErrorReply parse(NetlinkMessage m) throws NetlinkProtocolException {
        ByteBuffer b = m.payloadBuffer().order(ByteOrder.nativeOrder());
        if (b.remaining() < 4 + Netlink.HEADER_LENGTH) {
            throw new NetlinkProtocolException("NLMSG_ERROR of " + b.remaining() + " bytes is too short");
        }
        int errno = -b.getInt(0);
        if (errno < 0) {
            throw new NetlinkProtocolException("NLMSG_ERROR carries a positive code " + (-errno));
        }
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return new ErrorReply(errno, null);
        }
        int echoedLength = (m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_LENGTH : b.getInt(4);
        int tlvStart = 4 + Netlink.align(echoedLength);
        if (echoedLength < Netlink.HEADER_LENGTH || tlvStart > b.remaining()) {
            throw new NetlinkProtocolException("NLMSG_ERROR echoes " + echoedLength + " bytes but has " + b.remaining());
        }
        AttrReader r = AttrReader.of(b.position(tlvStart));
        String msg = null;
        while (r.next()) {
            if (r.type() == Netlink.NLMSGERR_ATTR_MSG) {
                msg = r.string();
            }
        }
        r.check("extended ack");
        return new ErrorReply(errno, msg);
    }
}
