package io.ipvsd.cli.list;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.ServiceKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of ipvsadm's sorted listing, reproduced quirks and all. libipvs compares fields by
 * subtracting them as unsigned 32-bit numbers and reading the difference as a signed int, so values
 * 2^31 or more apart compare the "wrong" way (192.168.0.1 sorts before 10.0.0.1, fwmark 3000000000
 * before every address service). That order is not transitive, so the result also depends on the
 * sort algorithm: glibc's qsort is a top-down merge sort, copied here.
 */
final class IpvsadmOrder {
    private IpvsadmOrder() {
    }

    /** libipvs ipvs_cmp_services: fwmark, family, protocol, address, port. */
    static int compareServices(ServiceKey a, ServiceKey b) {
        int r = (int) (fwmark(a) - fwmark(b));
        if (r != 0) {
            return r;
        }
        r = a.family().value() - b.family().value();
        if (r != 0) {
            return r;
        }
        r = protocol(a) - protocol(b);
        if (r != 0) {
            return r;
        }
        r = compareAddresses(a.family(), address(a), address(b));
        if (r != 0) {
            return r;
        }
        return port(a) - port(b);
    }

    /** libipvs ipvs_cmp_dests: address (as wide as the first one's family), then port. */
    static int compareDestinations(Destination a, Destination b) {
        int r = compareAddresses(a.family(), words(a.key().address()), words(b.key().address()));
        if (r != 0) {
            return r;
        }
        return a.key().port() - b.key().port();
    }

    /** glibc msort_with_tmp: split in halves (the first one shorter), sort each, merge taking the left on ties. */
    static <T> List<T> sort(List<T> items, Comparator<? super T> cmp) {
        if (items.size() <= 1) {
            return new ArrayList<>(items);
        }
        int n1 = items.size() / 2;
        List<T> left = sort(items.subList(0, n1), cmp);
        List<T> right = sort(items.subList(n1, items.size()), cmp);
        List<T> merged = new ArrayList<>(items.size());
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            merged.add(cmp.compare(left.get(i), right.get(j)) <= 0 ? left.get(i++) : right.get(j++));
        }
        merged.addAll(left.subList(i, left.size()));
        merged.addAll(right.subList(j, right.size()));
        return merged;
    }

    private static int compareAddresses(AddressFamily family, int[] a, int[] b) {
        int words = family == AddressFamily.INET6 ? 4 : 1;
        int r = 0;
        for (int i = 0; r == 0 && i < words; i++) {
            r = a[i] - b[i]; // wraps like C's unsigned subtraction read as int
        }
        return r;
    }

    private static long fwmark(ServiceKey key) {
        return key instanceof FwmarkServiceKey f ? f.fwmark() : 0;
    }

    private static int protocol(ServiceKey key) {
        return key instanceof AddressServiceKey a ? a.protocol().number() : 0;
    }

    private static int[] address(ServiceKey key) {
        return key instanceof AddressServiceKey a ? words(a.address()) : new int[4];
    }

    private static int port(ServiceKey key) {
        return key instanceof AddressServiceKey a ? a.port() : 0;
    }

    /** The address as libipvs's union nf_inet_addr in host-order words: IPv4 fills the first word. */
    private static int[] words(InetAddress address) {
        byte[] b = address.getAddress();
        int[] w = new int[4];
        for (int i = 0; i < b.length / 4; i++) {
            w[i] = ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8) | (b[4 * i + 3] & 0xff);
        }
        return w;
    }
}
