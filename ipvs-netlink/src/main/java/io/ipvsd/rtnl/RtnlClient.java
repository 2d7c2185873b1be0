package io.ipvsd.rtnl;

import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.netlink.jnr.NetlinkSockets;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links and addresses over rtnetlink. Every call has a 2 s deadline; a refusal is a
 * {@link NetlinkException} naming the operation (e.g. "RTM_NEWADDR 192.0.2.98/24 dev 3"), a
 * reply that cannot be decoded a {@link NetlinkProtocolException}. One caller at a time.
 */
public final class RtnlClient implements Closeable {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_INTERFACE_NAME = 15;

    private final Connection connection;

    private RtnlClient(Connection connection) {
        this.connection = connection;
    }

    /** A client in the calling thread's network namespace. */
    public static RtnlClient open() throws IOException {
        return new RtnlClient(new Connection(NetlinkSockets.open(Netlink.NETLINK_ROUTE), TIMEOUT));
    }

    /** A client in the network namespace at {@code netns} (e.g. /run/netns/NAME). */
    public static RtnlClient openIn(Path netns) throws IOException {
        return new RtnlClient(new Connection(NetlinkSockets.openIn(netns, Netlink.NETLINK_ROUTE), TIMEOUT));
    }

    public List<Link> links() throws IOException {
        List<Link> out = new ArrayList<>();
        for (NetlinkMessage m : connection.dump("RTM_GETLINK dump", RtnlCodec.dumpLinks())) {
            out.add(RtnlCodec.decodeLink(m));
        }
        return out;
    }

    /**
     * The link named {@code name}, or empty when there is none.
     *
     * @throws IllegalArgumentException when the name cannot be an interface's (empty, over 15 bytes)
     */
    public Optional<Link> link(String name) throws IOException {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_INTERFACE_NAME) {
            throw new IllegalArgumentException("interface name '" + name + "' is not 1..15 bytes");
        }
        String op = "RTM_GETLINK " + name;
        List<NetlinkMessage> reply;
        try {
            reply = connection.execute(op, RtnlCodec.getLink(name));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
        if (reply.size() != 1) {
            throw new NetlinkProtocolException(op + ": expected one link in the reply, got " + reply.size());
        }
        return Optional.of(RtnlCodec.decodeLink(reply.get(0)));
    }

    /** Every IPv4 and IPv6 address on every interface. */
    public List<InterfaceAddress> addresses() throws IOException {
        List<InterfaceAddress> out = new ArrayList<>();
        for (NetlinkMessage m : connection.dump("RTM_GETADDR dump", RtnlCodec.dumpAddresses())) {
            RtnlCodec.decodeAddress(m).ifPresent(out::add);
        }
        return out;
    }

    /** Adds the address (IPv6 without duplicate address detection); one already there counts as added. */
    public void addAddress(InterfaceAddress a) throws IOException {
        try {
            connection.execute("RTM_NEWADDR " + RtnlCodec.describe(a), RtnlCodec.newAddress(a));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
        }
    }

    /**
     * Deletes the address, whatever its label; an address or interface already gone counts as
     * deleted.
     */
    public void deleteAddress(InterfaceAddress a) throws IOException {
        try {
            connection.execute("RTM_DELADDR " + RtnlCodec.describe(a), RtnlCodec.deleteAddress(a));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EADDRNOTAVAIL && e.errno() != Errno.ENODEV) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
