package io.ipvsd.daemon.health;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two DNS messages (RFC 1035 section 4.1) a DNS check needs, as keepalived's DNS_CHECK builds and
 * reads them (check_dns.c, dns_make_query and dns_recv_thread). Pure: no I/O.
 */
final class DnsMessage {
    private static final int HEADER_BYTES = 12;
    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_RD = 0x0100;
    private static final int CLASS_IN = 1;
    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 255;

    /** How {@link #judge} sees one datagram. */
    enum Verdict {
        /** Id, QR and RCODE NOERROR: the server answered. */
        ANSWER,
        /** Not the answer to this query (too short, another id, or a query): keep waiting, as keepalived does. */
        IGNORE,
        /** The answer to this query, with an error RCODE. */
        ERROR
    }

    private DnsMessage() {
    }

    /**
     * A standard query with recursion desired for {@code name} ("." or "" for the root; a trailing dot
     * is optional), type {@code type}, class IN.
     *
     * @throws IllegalArgumentException for an empty label or one longer than 63 bytes, or a name over 255 bytes
     */
    static byte[] query(int id, String name, DnsType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_BYTES + name.length() + 6);
        writeShort(out, id);
        writeShort(out, FLAG_RD);
        writeShort(out, 1); // QDCOUNT
        writeShort(out, 0); // ANCOUNT
        writeShort(out, 0); // NSCOUNT
        writeShort(out, 0); // ARCOUNT
        writeName(out, name);
        writeShort(out, type.code);
        writeShort(out, CLASS_IN);
        return out.toByteArray();
    }

    /** Why {@code name} cannot be asked for, or null when it can. */
    static String nameProblem(String name) {
        try {
            writeName(new ByteArrayOutputStream(), name);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Judges a datagram received for the query with {@code id}; RCODE in {@link #rcode} when ERROR. */
    static Verdict judge(int id, byte[] reply, int length) {
        if (length < HEADER_BYTES || readShort(reply, 0) != id || (readShort(reply, 2) & FLAG_QR) == 0) {
            return Verdict.IGNORE;
        }
        return rcode(reply) == 0 ? Verdict.ANSWER : Verdict.ERROR;
    }

    static int rcode(byte[] reply) {
        return readShort(reply, 2) & 0x000f;
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        String relative = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int total = 1;
        if (!relative.isEmpty()) {
            for (String label : relative.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > MAX_LABEL) {
                    throw new IllegalArgumentException("label \"" + label + "\" is not 1..63 characters");
                }
                total += 1 + bytes.length;
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        if (total > MAX_NAME) {
            throw new IllegalArgumentException("name is longer than 255 bytes in DNS form");
        }
        out.write(0);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8 & 0xff);
        out.write(value & 0xff);
    }

    private static int readShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | bytes[offset + 1] & 0xff;
    }
}
