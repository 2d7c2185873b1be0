package io.ipvsd.ipvs;

/**
 * What IPVS reports about itself (ipvsadm's first line of -L).
 *
 * @param version             e.g. "1.2.1"
 * @param connectionTableSize buckets of the connection hash table (ip_vs_conn_tab_bits)
 */
public record IpvsInfo(String version, long connectionTableSize) {
}
