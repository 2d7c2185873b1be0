package io.ipvsd.daemon.health;

/** The query types a DNS check can ask for (those of keepalived's DNS_CHECK), with their RFC 1035/3596 codes. */
public enum DnsType {
    A(1), NS(2), CNAME(5), SOA(6), MX(15), TXT(16), AAAA(28);

    final int code;

    DnsType(int code) {
        this.code = code;
    }
}
