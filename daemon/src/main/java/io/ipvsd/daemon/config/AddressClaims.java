package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every address ipvsd is to put on an interface, with who wants it: one address held by two
 * owners on one interface would be added by one and deleted by the other. The same address on
 * two interfaces is allowed once a static address is involved (a VIP held by VRRP on the front
 * interface and kept on lo of a director that is also a direct-routing real server), never
 * between two VRRP instances (two routers would then both announce it).
 */
final class AddressClaims {
    private record Claim(VirtualAddressConfig address, String owner, String path, boolean vrrp) {
        boolean clashesWith(Claim earlier) {
            return address.address().equals(earlier.address().address())
                    && (address.dev().equals(earlier.address().dev()) || vrrp && earlier.vrrp());
        }
    }

    private static final Comparator<Claim> IN_FILE_ORDER = Comparator
            .comparingInt((Claim c) -> c.address().pos().line()).thenComparingInt(c -> c.address().pos().column());

    private final Problems problems;
    private final List<Claim> claims = new ArrayList<>();

    AddressClaims(Problems problems) {
        this.problems = problems;
    }

    /**
     * @param owner for messages: "vrrp_instance \"VI_1\"" or "[[static_ipaddress]]"
     * @param path  key path for messages
     * @param vrrp  the owner is a VRRP instance
     */
    void claim(VirtualAddressConfig address, String owner, String path, boolean vrrp) {
        claims.add(new Claim(address, owner, path, vrrp));
    }

    /** Reports each address wherever it is written after its first place, in file order. */
    void reportConflicts() {
        // Claims are compared with the earlier claims of the same address only: linear in the claims.
        Map<InetAddress, List<Claim>> seen = new HashMap<>();
        claims.stream().sorted(IN_FILE_ORDER).forEach(claim -> {
            List<Claim> sameAddress = seen.computeIfAbsent(claim.address().address(), a -> new ArrayList<>());
            Claim earlier = sameAddress.stream().filter(claim::clashesWith).findFirst().orElse(null);
            sameAddress.add(claim);
            if (earlier != null) {
                problems.error(claim.address().pos(), claim.path() + ": "
                        + Endpoints.address(claim.address().address()) + " is already an address of "
                        + earlier.owner() + " (" + problems.lineOf(earlier.address().pos(), claim.address().pos())
                        + "); an address can have one owner only");
            }
        });
    }
}
