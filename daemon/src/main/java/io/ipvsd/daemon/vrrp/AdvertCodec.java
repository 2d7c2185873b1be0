package io.ipvsd.daemon.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * VRRP advertisement bytes (the IP payload only; the runtime's raw socket adds or strips the IP
 * header and reads the TTL). Layouts: RFC 3768 §5.1 (v2) and RFC 5798 §5.1 (v3).
 */
public final class AdvertCodec {
    static final int PROTOCOL = 112;
    static final int AUTH_LEN = 8;
    private static final int HEADER_LEN = 8;
    private static final int TYPE_ADVERTISEMENT = 1;

    private AdvertCodec() {}

    /**
     * Encodes an advert sent from {@code source} to {@code destination} (the checksum of v3 over
     * IPv4 covers both unless {@code v3ChecksumAsV2}; v3 over IPv6 leaves it 0 for the kernel's
     * IPV6_CHECKSUM). An advert that cannot be put on the wire is a programming error.
     */
    public static byte[] encode(Advert a, InetAddress source, InetAddress destination, boolean v3ChecksumAsV2) {
        boolean v2 = a.version() == VrrpVersion.V2;
        int addrLen = source.getAddress().length;
        if (v2 && addrLen != 4) throw new IllegalArgumentException("VRRPv2 is IPv4 only");
        if (v2 && a.intervalCentis() % 100 != 0) throw new IllegalArgumentException("VRRPv2 interval must be whole seconds");
        checkRange("vrid", a.vrid(), 1, 255);
        checkRange("priority", a.priority(), 0, 255);
        checkRange("address count", a.addresses().size(), 1, 255);
        checkRange("interval", v2 ? a.intervalCentis() / 100 : a.intervalCentis(), 1, v2 ? 255 : 0x0FFF);
        byte[] auth = a.authData();
        if (v2 && auth.length != AUTH_LEN) throw new IllegalArgumentException("VRRPv2 auth data must be 8 bytes");

        byte[] out = new byte[HEADER_LEN + a.addresses().size() * addrLen + (v2 ? AUTH_LEN : 0)];
        out[0] = (byte) ((a.version().wireNumber() << 4) | TYPE_ADVERTISEMENT);
        out[1] = (byte) a.vrid();
        out[2] = (byte) a.priority();
        out[3] = (byte) a.addresses().size();
        if (v2) {
            out[4] = (byte) a.authType();
            out[5] = (byte) (a.intervalCentis() / 100);
        } else {
            out[4] = (byte) (a.intervalCentis() >> 8); // the upper 4 bits are the reserved field, 0
            out[5] = (byte) a.intervalCentis();
        }
        int at = HEADER_LEN;
        for (InetAddress vip : a.addresses()) {
            byte[] raw = vip.getAddress();
            if (raw.length != addrLen) throw new IllegalArgumentException("advert mixes address families");
            System.arraycopy(raw, 0, out, at, addrLen);
            at += addrLen;
        }
        if (v2) System.arraycopy(auth, 0, out, at, AUTH_LEN);
        if (v2 || addrLen == 4) {
            int sum = checksum(out, pseudoHeaderSum(a.version(), source, destination, out.length, v3ChecksumAsV2));
            out[6] = (byte) (sum >> 8);
            out[7] = (byte) sum;
        }
        return out;
    }

    /** Decodes a received payload; never throws, whatever the bytes. */
    public static Decoded decode(byte[] payload, InetAddress source, InetAddress destination, boolean v3ChecksumAsV2) {
        if (payload == null || source == null || destination == null) {
            return new Decoded.Dropped(DropReason.MALFORMED, "vrrp packet missing");
        }
        if (payload.length < HEADER_LEN) {
            return new Decoded.Dropped(DropReason.MALFORMED, DropReason.MALFORMED.text("short", payload.length, HEADER_LEN));
        }
        int versionNumber = (payload[0] & 0xff) >> 4;
        VrrpVersion version = versionNumber == 2 ? VrrpVersion.V2 : versionNumber == 3 ? VrrpVersion.V3 : null;
        if (version == null) {
            return new Decoded.Dropped(DropReason.WRONG_VERSION, "wrong version. Received " + versionNumber + " and expect 2 or 3");
        }
        int addrLen = source.getAddress().length;
        if (version == VrrpVersion.V2 && addrLen != 4) {
            return new Decoded.Dropped(DropReason.MALFORMED, "VRRPv2 advert over IPv6");
        }
        if (destination.getAddress().length != addrLen) {
            return new Decoded.Dropped(DropReason.MALFORMED, "source and destination address families differ");
        }
        int count = payload[3] & 0xff;
        int expected = HEADER_LEN + count * addrLen + (version == VrrpVersion.V2 ? AUTH_LEN : 0);
        if (payload.length != expected) {
            return new Decoded.Dropped(DropReason.MALFORMED,
                    DropReason.MALFORMED.text(payload.length > expected ? "long" : "short", payload.length, expected));
        }
        int type = payload[0] & 0x0f;
        if (type != TYPE_ADVERTISEMENT) {
            return new Decoded.Dropped(DropReason.WRONG_TYPE, DropReason.WRONG_TYPE.text(type));
        }
        // IPv6: the kernel verified the checksum already (IPV6_CHECKSUM on the socket).
        if (addrLen == 4
                && checksum(payload, pseudoHeaderSum(version, source, destination, payload.length, v3ChecksumAsV2)) != 0) {
            return new Decoded.Dropped(DropReason.CHECKSUM, DropReason.CHECKSUM.text(version.wireNumber()));
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[addrLen];
            System.arraycopy(payload, HEADER_LEN + i * addrLen, raw, 0, addrLen);
            addresses.add(addressOf(raw));
        }
        int vrid = payload[1] & 0xff;
        int priority = payload[2] & 0xff;
        if (version == VrrpVersion.V2) {
            byte[] auth = new byte[AUTH_LEN];
            System.arraycopy(payload, payload.length - AUTH_LEN, auth, 0, AUTH_LEN);
            return new Decoded.Ok(new Advert(version, vrid, priority, (payload[5] & 0xff) * 100, payload[4] & 0xff, auth, addresses));
        }
        int centis = ((payload[4] & 0x0f) << 8) | (payload[5] & 0xff);
        return new Decoded.Ok(new Advert(version, vrid, priority, centis, 0, new byte[0], addresses));
    }

    /**
     * The ones'-complement sum to start the checksum from: 0 for v2 and for v3 with
     * v3_checksum_as_v2 (RFC 9568), else keepalived's IPv4 pseudo-header src, dst, 0, 112, length.
     */
    private static int pseudoHeaderSum(VrrpVersion version, InetAddress source, InetAddress destination, int length, boolean v3ChecksumAsV2) {
        if (version == VrrpVersion.V2 || v3ChecksumAsV2) return 0;
        byte[] s = source.getAddress();
        byte[] d = destination.getAddress();
        int sum = 0;
        for (int i = 0; i < 4; i += 2) {
            sum += ((s[i] & 0xff) << 8) | (s[i + 1] & 0xff);
            sum += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
        }
        return sum + PROTOCOL + length;
    }

    /** RFC 1071 Internet checksum over {@code data}, starting from {@code initial}; 0 when data's own checksum is right. */
    private static int checksum(byte[] data, int initial) {
        long sum = initial;
        for (int i = 0; i + 1 < data.length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if ((data.length & 1) != 0) sum += (data[data.length - 1] & 0xff) << 8;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }

    private static InetAddress addressOf(byte[] raw) {
        try {
            // Never the IPv4-mapped form: Inet6Address.getByAddress keeps all 16 bytes as IPv6.
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private static void checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " not in " + min + ".." + max);
        }
    }
}
