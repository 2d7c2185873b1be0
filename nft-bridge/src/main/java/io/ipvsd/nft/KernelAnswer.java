package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's answer (NLMSG_ERROR) to one message of a batch: errno 0 is an ack. With
 * NETLINK_EXT_ACK it may carry a text and the offset, within the message sent, of the attribute
 * the kernel refused; nf_tables mostly gives only the offset.
 *
 * @param offset byte offset from the start of the message sent, or -1
 */
record KernelAnswer(int errno, String extAck, int offset) {

    static KernelAnswer parse(NetlinkMessage m) throws NetlinkProtocolException {
        ByteBuffer b = m.payloadBuffer().order(ByteOrder.nativeOrder());
        if (b.remaining() < 4 + Netlink.HEADER_LENGTH) {
            throw new NetlinkProtocolException("NLMSG_ERROR of " + b.remaining() + " bytes is too short");
        }
        int errno = -b.getInt(0);
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return new KernelAnswer(errno, null, -1);
        }
        int echoed = (m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_LENGTH : b.getInt(4);
        int tlvStart = 4 + Netlink.align(echoed);
        if (tlvStart > b.remaining()) {
            throw new NetlinkProtocolException("NLMSG_ERROR echoes " + echoed + " bytes but has " + b.remaining());
        }
        AttrReader r = AttrReader.of(b.position(tlvStart));
        String text = null;
        int offset = -1;
        while (r.next()) {
            switch (r.type()) {
                case Netlink.NLMSGERR_ATTR_MSG -> text = r.string();
                case Netlink.NLMSGERR_ATTR_OFFS -> offset = (int) r.u32();
                default -> { }
            }
        }
        r.check("extended ack");
        return new KernelAnswer(errno, text, offset);
    }
}
