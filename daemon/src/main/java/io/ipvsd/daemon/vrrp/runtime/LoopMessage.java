package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.packet.Received;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** What other threads hand to the VRRP loop; only the loop touches instances. */
sealed interface LoopMessage {
    record Packet(Instance instance, Received received) implements LoopMessage {
    }

    record Links(Map<String, LinkView> links) implements LoopMessage {
    }

    /** Per instance name, why its tracked services fail (empty = they are fine). */
    record ServiceFaults(Map<String, Set<String>> faults) implements LoopMessage {
    }

    /** Another node answered ARP for a VIP (see {@link ArpWatch}). */
    record Claimed(ArpWatch.Claim claim) implements LoopMessage {
    }

    record Configure(VrrpSetup setup) implements LoopMessage {
    }

    record Shutdown(CountDownLatch done) implements LoopMessage {
    }
}
