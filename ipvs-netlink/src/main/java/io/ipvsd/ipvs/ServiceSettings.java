package io.ipvsd.ipvs;

/**
 * What can be changed on a service without re-creating it.
 *
 * @param scheduler kernel scheduler name, e.g. "wlc"
 * @param flags     IP_VS_SVC_F_* bits without HASHED (see {@link ServiceFlags})
 * @param timeout   persistence timeout in seconds (meaningful with PERSISTENT)
 * @param netmask   persistence granularity: a 32-bit mask for IPv4 services, a prefix length for IPv6
 * @param peName    persistence engine name (e.g. "sip"), or null
 */
public record ServiceSettings(String scheduler, int flags, int timeout, long netmask, String peName) {
    public ServiceSettings {
        flags = ServiceFlags.comparable(flags);
    }

    public boolean persistent() {
        return (flags & ServiceFlags.PERSISTENT) != 0;
    }
}
