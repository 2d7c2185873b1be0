package io.ipvsd.daemon.vrrp;

import java.util.Locale;

/**
 * Why a received advert was dropped, each with the text keepalived 2.2.7 logs for it (vrrp.c
 * vrrp_check_packet), so operators' greps keep working. The line is "(INSTANCE) " + the text.
 */
public enum DropReason {
    /** Too short, a count that does not fit, or an address family VRRPv2 cannot carry. */
    MALFORMED("vrrp packet too %s, length %d and expect %d"),
    INVALID_TTL("invalid TTL/HL. Received %d and expect 255"),
    WRONG_VERSION("wrong version. Received %d and expect %d"),
    WRONG_TYPE("Invalid packet type. %d and expect 1"),
    CHECKSUM("Invalid VRRPv%d checksum"),
    /** keepalived also logs "Invalid auth type: N" for a type that is none of 0, 1, 2. */
    AUTH_TYPE("received a %d auth, expecting %d!"),
    AUTH_PASSWORD("received an invalid passwd!"),
    INTERVAL("advertisement interval mismatch mine=%d sec rcv'd=%d sec"),
    ADDRESS_COUNT("received an unexpected ip number count %d, expected %d!"),
    ADDRESS_LIST("ip address associated with VRID %d not present in MASTER advert: %s"),
    NOT_A_PEER("unicast source address %s not a unicast peer"),
    EXPECTED_UNICAST("Expected unicast packet but received multicast packet"),
    /** keepalived's check is symmetric; its multicast socket is bound to the group so it rarely fires. */
    EXPECTED_MULTICAST("Expected multicast packet but received unicast packet"),
    OWN_ADDRESS("WARNING - equal priority advert received from remote host with our IP address.");

    private final String keepalivedText;

    DropReason(String keepalivedText) {
        this.keepalivedText = keepalivedText;
    }

    /** keepalived's log text for this reason, a String.format pattern. */
    public String keepalivedText() {
        return keepalivedText;
    }

    /** The text with its values filled in, without the instance prefix. */
    public String text(Object... args) {
        return String.format(Locale.ROOT, keepalivedText, args);
    }

    /** The key in the status JSON's "dropped" object. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
