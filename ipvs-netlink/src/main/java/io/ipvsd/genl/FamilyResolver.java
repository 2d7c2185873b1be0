package io.ipvsd.genl;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.io.IOException;
import java.util.List;

/** CTRL_CMD_GETFAMILY: name to family id. No cache: each client resolves once when it opens. */
public final class FamilyResolver {
    private FamilyResolver() {
    }

    /**
     * @param hint what to tell the operator when the family is missing, e.g. "load ip_vs"
     */
    public static Family resolve(Connection connection, String name, String hint) throws IOException {
        NetlinkMessage request = Genl.message(Genl.GENL_ID_CTRL, 0, Genl.CTRL_CMD_GETFAMILY, 1,
                new AttrWriter().string(Genl.CTRL_ATTR_FAMILY_NAME, name));
        List<NetlinkMessage> replies;
        try {
            replies = connection.execute("resolve genl family " + name, request);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new FamilyNotFoundException(name, hint);
            }
            throw e;
        }
        if (replies.size() != 1) {
            throw new NetlinkProtocolException("resolve genl family " + name + ": expected 1 reply, got " + replies.size());
        }
        return decode(replies.get(0));
    }

    static Family decode(NetlinkMessage reply) throws NetlinkProtocolException {
        AttrReader r = Genl.attributes(reply);
        int id = -1;
        int version = 0;
        int hdrSize = 0;
        int maxAttr = 0;
        String name = null;
        while (r.next()) {
            switch (r.type()) {
                case Genl.CTRL_ATTR_FAMILY_ID -> id = r.u16();
                case Genl.CTRL_ATTR_FAMILY_NAME -> name = r.string();
                case Genl.CTRL_ATTR_VERSION -> version = (int) r.u32();
                case Genl.CTRL_ATTR_HDRSIZE -> hdrSize = (int) r.u32();
                case Genl.CTRL_ATTR_MAXATTR -> maxAttr = (int) r.u32();
                default -> { }
            }
        }
        r.check("genl family reply");
        if (id < 0 || name == null) {
            throw new NetlinkProtocolException("genl family reply lacks its id or name");
        }
        return new Family(name, id, version, hdrSize, maxAttr);
    }
}
