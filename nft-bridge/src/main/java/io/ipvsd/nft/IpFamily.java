package io.ipvsd.nft;

import io.ipvsd.nft.expr.Ct;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Where IPv4 and IPv6 keep what ipvsd matches on, and how nft names them. */
enum IpFamily {
    IP(2, 4, 12, 16, NftSet.TYPE_IPV4_ADDR, Ct.DST_IP),
    IP6(10, 16, 8, 24, NftSet.TYPE_IPV6_ADDR, Ct.DST_IP6);

    /** NFPROTO_IPV4 / NFPROTO_IPV6, the value of meta nfproto. */
    final int nfproto;
    final int addressLength;
    final int sourceOffset;
    final int destinationOffset;
    final int keyType;
    final int ctOriginalDestination;

    IpFamily(int nfproto, int addressLength, int sourceOffset, int destinationOffset, int keyType, int ctOriginalDestination) {
        this.nfproto = nfproto;
        this.addressLength = addressLength;
        this.sourceOffset = sourceOffset;
        this.destinationOffset = destinationOffset;
        this.keyType = keyType;
        this.ctOriginalDestination = ctOriginalDestination;
    }

    static IpFamily of(InetAddress a) {
        return a instanceof Inet4Address ? IP : IP6;
    }

    /** nft's keyword: "ip" or "ip6". */
    String keyword() {
        return name().toLowerCase();
    }
}
