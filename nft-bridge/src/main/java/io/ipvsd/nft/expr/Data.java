package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkProtocolException;

/** The nested NFTA_DATA_* wrapper around register values (nf_tables_data_attributes). */
final class Data {
    static final int NFTA_DATA_VALUE = 1;

    private Data() {
    }

    static void writeValue(AttrWriter w, int type, Bytes value) {
        w.nested(type, d -> d.bytes(NFTA_DATA_VALUE, value.toArray()));
    }

    /** The value inside a data attribute, or null when it holds something else (a verdict). */
    static Bytes readValue(AttrReader data) {
        Bytes value = null;
        while (data.next()) {
            if (data.type() != NFTA_DATA_VALUE) {
                return null;
            }
            value = Bytes.of(data.bytes());
        }
        try {
            data.check("data");
        } catch (NetlinkProtocolException malformed) {
            return null;
        }
        return value;
    }
}
