package io.ipvsd.ipvs;

/**
 * A service the kernel holds that ipvsd cannot read fully: a value it does not model (a protocol
 * other than TCP, UDP or SCTP, a tunnel type it does not know, ...). Its key is all ipvsd needs
 * to leave it alone, and all it needs to delete it.
 *
 * @param key    the service's identity, or null when not even that decodes (e.g. another protocol:
 *               such a service cannot be ipvsd's)
 * @param what   the service as far as it could be read, e.g. "TCP 192.0.2.1:5060" or
 *               "protocol 1 192.0.2.1:0"
 * @param reason what could not be read
 */
public record UnreadService(ServiceKey key, String what, String reason) {
}
