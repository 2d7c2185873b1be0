package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.nft.expr.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Elements of one set as a message body (NFTA_SET_ELEM_LIST_*): the body of NEWSETELEM,
 * DELSETELEM and of each message of a GETSETELEM dump.
 *
 * @param setId batch-local id of a set made in the same batch, else 0
 */
public record SetElements(String table, String set, int setId, List<SetElement> elements) {
    static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    static final int NFTA_SET_ELEM_LIST_SET = 2;
    static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    static final int NFTA_SET_ELEM_KEY = 1;
    static final int NFTA_SET_ELEM_FLAGS = 3;
    static final int NFTA_DATA_VALUE = 1;

    public SetElements {
        elements = List.copyOf(elements);
    }

    public void write(AttrWriter w) {
        w.string(NFTA_SET_ELEM_LIST_TABLE, table).string(NFTA_SET_ELEM_LIST_SET, set);
        if (setId != 0) {
            w.be32(NFTA_SET_ELEM_LIST_SET_ID, setId);
        }
        // libnftnl numbers the element nests 1, 2, 3 ... (the kernel ignores their type): so do we.
        w.nested(NFTA_SET_ELEM_LIST_ELEMENTS, list -> {
            for (int i = 0; i < elements.size(); i++) {
                SetElement e = elements.get(i);
                list.nested(i + 1, elem -> {
                    if (e.flags() != 0) {
                        elem.be32(NFTA_SET_ELEM_FLAGS, e.flags());
                    }
                    elem.nested(NFTA_SET_ELEM_KEY, key -> key.bytes(NFTA_DATA_VALUE, e.key().toArray()));
                });
            }
        });
    }

    public static SetElements decode(NetlinkMessage m) throws NetlinkProtocolException {
        AttrReader r = NfTables.attributes(m);
        String table = null;
        String set = null;
        int setId = 0;
        List<SetElement> elements = new ArrayList<>();
        while (r.next()) {
            switch (r.type()) {
                case NFTA_SET_ELEM_LIST_TABLE -> table = r.string();
                case NFTA_SET_ELEM_LIST_SET -> set = r.string();
                case NFTA_SET_ELEM_LIST_SET_ID -> setId = (int) r.be32();
                case NFTA_SET_ELEM_LIST_ELEMENTS -> decodeElements(r.nested(), elements);
                default -> { }
            }
        }
        r.check("decode set elements");
        if (table == null || set == null) {
            throw new NetlinkProtocolException("decode set elements: no table or set");
        }
        return new SetElements(table, set, setId, elements);
    }

    private static void decodeElements(AttrReader list, List<SetElement> out) throws NetlinkProtocolException {
        while (list.next()) {
            AttrReader elem = list.nested();
            Bytes key = null;
            int flags = 0;
            while (elem.next()) {
                switch (elem.type()) {
                    case NFTA_SET_ELEM_KEY -> key = decodeKey(elem.nested());
                    case NFTA_SET_ELEM_FLAGS -> flags = (int) elem.be32();
                    default -> { }
                }
            }
            elem.check("decode set element");
            // A catch-all element (NFT_SET_ELEM_CATCHALL) has no key.
            out.add(new SetElement(key == null ? Bytes.EMPTY : key, flags));
        }
        list.check("decode set element list");
    }

    private static Bytes decodeKey(AttrReader r) throws NetlinkProtocolException {
        Bytes key = null;
        while (r.next()) {
            if (r.type() == NFTA_DATA_VALUE) {
                key = Bytes.of(r.bytes());
            }
        }
        r.check("decode set element key");
        return key;
    }
}
