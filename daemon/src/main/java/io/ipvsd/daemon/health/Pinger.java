package io.ipvsd.daemon.health;

import io.ipvsd.packet.IpPacketSocket;
import io.ipvsd.packet.IpSocketOptions;
import io.ipvsd.packet.PacketSockets;
import io.ipvsd.packet.Received;
import io.ipvsd.packet.ReceivedPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's PING_CHECK for one address family: every ping check shares one raw ICMP (ICMPv6) socket
 * of the packet layer, not bound to an interface, and one receiving thread. Requests carry this pinger's
 * identifier and a sequence number of their own; a reply counts for the request with its sequence number
 * when it comes from the address pinged.
 *
 * <p>A raw socket (CAP_NET_RAW, which the daemon has for VRRP) rather than an unprivileged ICMP datagram
 * socket: those need net.ipv4.ping_group_range to include the daemon's group, and the daemon does not
 * change sysctls behind the operator's back.
 *
 * <p>The socket opens, in the network namespace of the thread of the first {@link #ping}, on first use,
 * and again after a failure.
 */
final class Pinger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pinger.class);
    private static final int TTL = 64;
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Pending(InetAddress address, long deadline, long sent, Duration timeout,
                           CompletableFuture<CheckResult> result) {
    }

    private final boolean ipv6;
    private final int identifier = ThreadLocalRandom.current().nextInt(0x10000);
    private final Object lock = new Object();
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int nextSequence;
    private IpPacketSocket socket;
    private boolean closed;

    Pinger(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    CompletableFuture<CheckResult> ping(InetAddress address, Duration timeout) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        IpPacketSocket open;
        int sequence;
        synchronized (lock) {
            if (closed) {
                result.complete(CheckResult.failure("health monitor stopped"));
                return result;
            }
            try {
                open = socket();
            } catch (IOException e) {
                result.complete(CheckResult.failure("cannot open ICMP socket: " + e.getMessage()));
                return result;
            }
            sequence = freeSequence();
            long now = System.nanoTime();
            pending.put(sequence, new Pending(address, now + timeout.toNanos(), now, timeout, result));
        }
        try {
            open.send(IcmpEcho.request(ipv6, identifier, sequence), address);
        } catch (IOException e) {
            synchronized (lock) {
                pending.remove(sequence);
            }
            result.complete(CheckResult.failure("ICMP echo send failed: " + e.getMessage()));
        }
        return result;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (socket != null) {
                socket.close();
            }
            failAll("health monitor stopped");
        }
    }

    private IpPacketSocket socket() throws IOException {
        if (socket == null) {
            IpPacketSocket opened = PacketSockets.openIp(new IpSocketOptions(ipv6,
                    ipv6 ? IcmpEcho.ICMPV6_PROTOCOL : IcmpEcho.ICMP_PROTOCOL, null, null, List.of(), TTL, 0, -1));
            Thread receiver = Threads.daemon(ipv6 ? "ipvsd-health-ping6" : "ipvsd-health-ping").newThread(() -> receive(opened));
            socket = opened;
            receiver.start();
        }
        return socket;
    }

    /** The next sequence number no request in flight has (there are far fewer than 65536 in flight). */
    private int freeSequence() {
        do {
            nextSequence = (nextSequence + 1) & 0xffff;
        } while (pending.containsKey(nextSequence));
        return nextSequence;
    }

    private void receive(IpPacketSocket from) {
        try {
            while (true) {
                Received received = from.receive(waitUntil());
                if (received instanceof ReceivedPacket packet) {
                    matched(packet);
                }
                expire();
            }
        } catch (IOException e) {
            synchronized (lock) {
                if (!closed) {
                    log.warn("ICMP echo socket failed; it is opened again at the next ping check", e);
                }
                if (socket == from) {
                    socket = null;
                }
                from.close();
                failAll("ICMP socket failed: " + e.getMessage());
            }
        }
    }

    private long waitUntil() {
        long until = System.nanoTime() + MAX_WAIT_NANOS;
        synchronized (lock) {
            for (Pending p : pending.values()) {
                if (p.deadline - until < 0) {
                    until = p.deadline;
                }
            }
        }
        return until;
    }

    private void matched(ReceivedPacket packet) {
        IcmpEcho.Reply reply = IcmpEcho.reply(ipv6, packet.payload());
        if (reply == null || reply.identifier() != identifier) {
            return;
        }
        Pending request;
        synchronized (lock) {
            request = pending.get(reply.sequence());
            if (request == null || !request.address.equals(packet.source())) {
                return;
            }
            pending.remove(reply.sequence());
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - request.sent);
        request.result.complete(CheckResult.success("echo reply in " + micros / 1000 + "." + micros / 100 % 10 + "ms"));
    }

    private void expire() {
        long now = System.nanoTime();
        synchronized (lock) {
            Iterator<Pending> it = pending.values().iterator();
            while (it.hasNext()) {
                Pending p = it.next();
                if (now - p.deadline >= 0) {
                    it.remove();
                    p.result.complete(CheckResult.failure("ICMP echo timeout after " + p.timeout.toMillis() + "ms"));
                }
            }
        }
    }

    private void failAll(String reason) {
        pending.values().forEach(p -> p.result.complete(CheckResult.failure(reason)));
        pending.clear();
    }
}
