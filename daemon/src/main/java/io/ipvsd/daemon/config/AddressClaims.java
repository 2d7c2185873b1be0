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
 * owners would be added by one and deleted by the other.
 */
final class AddressClaims {
    private record Claim(VirtualAddressConfig address, String owner, String path) {
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
     */
    void claim(VirtualAddressConfig address, String owner, String path) {
        claims.add(new Claim(address, owner, path));
    }

    /** Reports each address wherever it is written after its first place, in file order. */
    void reportConflicts() {
        Map<InetAddress, Claim> first = new HashMap<>();
        claims.stream().sorted(IN_FILE_ORDER).forEach(claim -> {
            Claim earlier = first.putIfAbsent(claim.address().address(), claim);
            if (earlier != null) {
                problems.error(claim.address().pos(), claim.path() + ": "
                        + Endpoints.address(claim.address().address()) + " is already an address of "
                        + earlier.owner() + " (line " + earlier.address().pos().line()
                        + "); an address can have one owner only");
            }
        });
    }
}
