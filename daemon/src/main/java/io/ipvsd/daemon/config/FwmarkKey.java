package io.ipvsd.daemon.config;

/**
 * A service matched by the firewall mark the [[mark]] rules put on packets.
 *
 * @param fwmark 1..2^32-1
 */
public record FwmarkKey(Family family, long fwmark) implements ServiceKey {

    @Override
    public String toString() {
        return "FWM " + fwmark + " " + family;
    }
}
