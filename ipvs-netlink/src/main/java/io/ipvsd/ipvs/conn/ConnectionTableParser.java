package io.ipvsd.ipvs.conn;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the text of /proc/net/ip_vs_conn (net/netfilter/ipvs/ip_vs_conn.c, ip_vs_conn_seq_show):
 *
 * <pre>
 * Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
 * TCP C0A80002 9C40 0A000001 0050 0A000002 0050 ESTABLISHED     899
 * TCP 2001:0db8:0000:0000:0000:0000:0000:0002 9C40 2001:0db8:...:0001 0050 ... ESTABLISHED 899
 * UDP 0A000001 13C4 0A000001 13C4 0A000002 13C4 UDP             179 sip 1234@host
 * </pre>
 *
 * IPv4 addresses are 8 hex digits in network order, IPv6 ones the kernel's %pI6 (8 groups of 4 hex
 * digits), ports 4 hex digits. The destination's family may differ from the client's (tunnels).
 */
public final class ConnectionTableParser {
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");
    private static final Pattern IPV4_HEX = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:]+");
    private static final Pattern PORT_HEX = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private ConnectionTableParser() {
    }

    /** All entries of the table; the first line must be the kernel's column header. */
    public static List<IpvsConnection> parse(String text) throws ConnectionTableFormatException {
        String[] lines = text.split("\n", -1);
        if (!lines[0].startsWith("Pro ")) {
            throw new ConnectionTableFormatException(1, lines[0], "expected the column header \"Pro FromIP ...\"");
        }
        List<IpvsConnection> entries = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                entries.add(parseLine(i + 1, lines[i]));
            }
        }
        return entries;
    }

    static IpvsConnection parseLine(int lineNumber, String line) throws ConnectionTableFormatException {
        String[] f = FIELD_SEPARATOR.split(line.strip(), 11);
        if (f.length < 9) {
            throw new ConnectionTableFormatException(lineNumber, line, "expected at least 9 fields, found " + f.length);
        }
        LineReader r = new LineReader(lineNumber, line);
        return new IpvsConnection(
                f[0],
                r.address(f[1], "client address"), r.port(f[2], "client port"),
                r.address(f[3], "virtual address"), r.port(f[4], "virtual port"),
                r.address(f[5], "destination address"), r.port(f[6], "destination port"),
                f[7],
                r.seconds(f[8]),
                f.length > 9 ? f[9] : null,
                // PE data is whatever the engine wrote after its name, spaces included.
                f.length > 10 ? f[10] : null);
    }

    /** Field decoders that report failures against the line they came from. */
    private record LineReader(int lineNumber, String line) {
        InetAddress address(String field, String what) throws ConnectionTableFormatException {
            if (IPV4_HEX.matcher(field).matches()) {
                int v = Integer.parseUnsignedInt(field, 16);
                return inet(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v}, what, field);
            }
            if (field.indexOf(':') >= 0 && IPV6_TEXT.matcher(field).matches()) {
                try {
                    // Brackets make the JDK treat the text as an IPv6 literal: no name lookup.
                    InetAddress a = InetAddress.getByName("[" + field + "]");
                    // The JDK turns ::ffff:a.b.c.d into an IPv4 address; the table said IPv6.
                    return a instanceof Inet4Address ? Inet6Address.getByAddress(null, mapped(a), -1) : a;
                } catch (UnknownHostException e) {
                    throw fail(what + " \"" + field + "\" is not an IPv6 address");
                }
            }
            throw fail(what + " \"" + field + "\" is neither 8 hex digits nor an IPv6 address");
        }

        int port(String field, String what) throws ConnectionTableFormatException {
            if (!PORT_HEX.matcher(field).matches()) {
                throw fail(what + " \"" + field + "\" is not 1 to 4 hex digits");
            }
            return Integer.parseInt(field, 16);
        }

        long seconds(String field) throws ConnectionTableFormatException {
            if (!DECIMAL.matcher(field).matches()) {
                throw fail("expires \"" + field + "\" is not a number of seconds");
            }
            return Long.parseLong(field);
        }

        private InetAddress inet(byte[] bytes, String what, String field) throws ConnectionTableFormatException {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw fail(what + " \"" + field + "\" is not an address");
            }
        }

        private static byte[] mapped(InetAddress v4) {
            byte[] b = new byte[16];
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            System.arraycopy(v4.getAddress(), 0, b, 12, 4);
            return b;
        }

        private ConnectionTableFormatException fail(String reason) {
            return new ConnectionTableFormatException(lineNumber, line, reason);
        }
    }
}
