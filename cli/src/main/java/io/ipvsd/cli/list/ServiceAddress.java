package io.ipvsd.cli.list;

import io.ipvsd.ipvs.Endpoints;
import java.net.InetAddress;

/**
 * An "ADDR[:PORT]" argument the way ipvsadm reads it: "10.0.0.1:80", "10.0.0.1", "[2001:db8::1]:80",
 * "2001:db8::1". Unlike ipvsadm, no host or service names: the address and port must be numeric.
 *
 * @param port the port, or -1 when the text has none
 */
record ServiceAddress(InetAddress address, int port) {

    static ServiceAddress parse(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw invalid(text);
            }
            host = text.substring(1, close);
            port = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        InetAddress address;
        try {
            address = Endpoints.parseAddress(host);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
        return new ServiceAddress(address, port == null ? -1 : port(port, text));
    }

    /** The port, or 0 when none was given: ipvsadm's meaning of "-t 10.0.0.1". */
    int portOrZero() {
        return port < 0 ? 0 : port;
    }

    private static int port(String port, String text) {
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw invalid(text);
        }
        return Integer.parseInt(port);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not ADDR[:PORT] with a numeric IPv4 or IPv6 "
                + "address (IPv6 with a port in brackets: [2001:db8::1]:80) and a port 0-65535");
    }
}
