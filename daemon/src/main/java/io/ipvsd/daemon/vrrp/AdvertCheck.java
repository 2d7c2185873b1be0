package io.ipvsd.daemon.vrrp;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The checks keepalived 2.2.7 makes on a decoded advert for one instance (vrrp_check_packet),
 * in its order and with its log text. Length, type and checksum were checked by
 * {@link AdvertCodec#decode}; the VRID was used by the caller to find the instance.
 */
public final class AdvertCheck {
    private static final int TTL = 255;

    private AdvertCheck() {}

    public static Optional<Drop> check(InstanceSpec spec, InetAddress source, InetAddress destination, int ttl, Advert advert) {
        // RFC 3768 §7.1: TTL 255 proves the sender is on the link; keepalived skips it in unicast mode.
        if (!spec.unicast() && ttl != TTL) {
            return drop(spec, DropReason.INVALID_TTL, ttl);
        }
        if (advert.version() != spec.version()) {
            return drop(spec, DropReason.WRONG_VERSION, advert.version().wireNumber(), spec.version().wireNumber());
        }
        if (spec.version() == VrrpVersion.V2) {
            int type = advert.authType();
            if (type > 2) {
                return Optional.of(new Drop(DropReason.AUTH_TYPE, line(spec, "Invalid auth type: " + type)));
            }
            if (type != spec.authType()) {
                return drop(spec, DropReason.AUTH_TYPE, type, spec.authType());
            }
            if (spec.authPass() != null && !spec.authMatches(advert.authData())) {
                return drop(spec, DropReason.AUTH_PASSWORD);
            }
            // v2 has no interval learning: a different interval would be a second virtual router.
            if (advert.intervalCentis() != spec.advertCentis()) {
                return drop(spec, DropReason.INTERVAL, spec.advertCentis() / 100, advert.intervalCentis() / 100);
            }
        }
        if (advert.addresses().size() != spec.vips().size()) {
            return drop(spec, DropReason.ADDRESS_COUNT, advert.addresses().size(), spec.vips().size());
        }
        if (destination.isMulticastAddress() == spec.unicast()) {
            return drop(spec, spec.unicast() ? DropReason.EXPECTED_UNICAST : DropReason.EXPECTED_MULTICAST);
        }
        for (InetAddress vip : spec.vips()) {
            if (!advert.addresses().contains(vip)) {
                return drop(spec, DropReason.ADDRESS_LIST, spec.vrid(), AddressText.of(vip));
            }
        }
        if (spec.unicast() && spec.checkUnicastSource() && !spec.unicastPeers().contains(source)) {
            return drop(spec, DropReason.NOT_A_PEER, AddressText.of(source));
        }
        // Our own source address at our priority is a duplicate address or a looped-back advert,
        // never a peer; keepalived only warns (in MASTER) and would let it hold a BACKUP down.
        if (advert.priority() == spec.priority() && source.equals(spec.primaryAddress())) {
            return drop(spec, DropReason.OWN_ADDRESS);
        }
        return Optional.empty();
    }

    private static Optional<Drop> drop(InstanceSpec spec, DropReason reason, Object... args) {
        return Optional.of(new Drop(reason, line(spec, reason.text(args))));
    }

    private static String line(InstanceSpec spec, String text) {
        return "(" + spec.name() + ") " + text;
    }
}
