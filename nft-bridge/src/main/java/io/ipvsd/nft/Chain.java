package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;

/**
 * An nf_tables chain (NFTA_CHAIN_*).
 *
 * @param hook where a base chain is attached; null for a regular chain (reached only by jumps)
 */
public record Chain(String table, String name, long handle, Hook hook) {

    /**
     * A base chain's attachment.
     *
     * @param type     "filter", "nat" or "route"
     * @param hooknum  enum nf_inet_hooks: 0 prerouting ... 4 postrouting
     * @param priority lower runs first; mangle is -150, srcnat 100
     * @param policy   verdict for packets no rule decided: 1 NF_ACCEPT
     */
    public record Hook(String type, int hooknum, int priority, int policy) {
        public static final int PREROUTING = 0;
        public static final int POSTROUTING = 4;
        public static final int ACCEPT = 1;
    }

    static final int NFTA_CHAIN_TABLE = 1;
    static final int NFTA_CHAIN_HANDLE = 2;
    static final int NFTA_CHAIN_NAME = 3;
    static final int NFTA_CHAIN_HOOK = 4;
    static final int NFTA_CHAIN_POLICY = 5;
    static final int NFTA_CHAIN_TYPE = 7;
    static final int NFTA_HOOK_HOOKNUM = 1;
    static final int NFTA_HOOK_PRIORITY = 2;

    public void write(AttrWriter w) {
        w.string(NFTA_CHAIN_TABLE, table);
        if (handle != 0) {
            w.be64(NFTA_CHAIN_HANDLE, handle);
        }
        w.string(NFTA_CHAIN_NAME, name);
        if (hook != null) {
            w.string(NFTA_CHAIN_TYPE, hook.type()).be32(NFTA_CHAIN_POLICY, hook.policy())
                    .nested(NFTA_CHAIN_HOOK, h -> h.be32(NFTA_HOOK_HOOKNUM, hook.hooknum()).be32(NFTA_HOOK_PRIORITY, hook.priority()));
        }
    }

    public static Chain decode(NetlinkMessage m) throws NetlinkProtocolException {
        AttrReader r = NfTables.attributes(m);
        String table = null;
        String name = null;
        long handle = 0;
        String type = null;
        int policy = Hook.ACCEPT;
        int[] hookAndPriority = null;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_CHAIN_TABLE -> table = r.string();
                case NFTA_CHAIN_HANDLE -> handle = r.be64();
                case NFTA_CHAIN_NAME -> name = r.string();
                case NFTA_CHAIN_TYPE -> type = r.string();
                case NFTA_CHAIN_POLICY -> policy = (int) r.be32();
                case NFTA_CHAIN_HOOK -> hookAndPriority = decodeHook(r.nested());
                default -> { }
            }
        }
        r.check("decode chain");
        if (table == null || name == null) {
            throw new NetlinkProtocolException("decode chain: no table or name");
        }
        Hook hook = hookAndPriority == null ? null : new Hook(type, hookAndPriority[0], hookAndPriority[1], policy);
        return new Chain(table, name, handle, hook);
    }

    private static int[] decodeHook(AttrReader r) throws NetlinkProtocolException {
        int[] hookAndPriority = new int[2];
        while (r.next()) {
            switch (r.type()) {
                case NFTA_HOOK_HOOKNUM -> hookAndPriority[0] = (int) r.be32();
                case NFTA_HOOK_PRIORITY -> hookAndPriority[1] = (int) r.be32();
                default -> { }
            }
        }
        r.check("decode chain hook");
        return hookAndPriority;
    }
}
