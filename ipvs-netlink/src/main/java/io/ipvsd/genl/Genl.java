package io.ipvsd.genl;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import java.nio.ByteBuffer;

/** The generic netlink header (struct genlmsghdr: cmd, version, 2 reserved bytes) and its framing. */
public final class Genl {
    public static final int HEADER_LENGTH = 4;
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;

    private Genl() {
    }

    public static byte[] header(int cmd, int version) {
        return new byte[] {(byte) cmd, (byte) version, 0, 0};
    }

    /** A request message for a family; the attributes come from the writer. */
    public static NetlinkMessage message(int familyId, int flags, int cmd, int version, AttrWriter attrs) {
        byte[] body = attrs.toBytes();
        byte[] payload = ByteBuffer.allocate(HEADER_LENGTH + body.length).put(header(cmd, version)).put(body).array();
        return NetlinkMessage.request(familyId, flags, payload);
    }

    /** The command byte of a reply. */
    public static int command(NetlinkMessage m) {
        return m.payloadLength() > 0 ? m.payloadU8(0) : -1;
    }

    public static AttrReader attributes(NetlinkMessage m) {
        return AttrReader.afterHeader(m, HEADER_LENGTH);
    }
}
