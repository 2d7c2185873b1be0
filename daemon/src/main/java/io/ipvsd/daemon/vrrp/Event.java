package io.ipvsd.daemon.vrrp;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;

/** What drives a {@link VrrpMachine}. */
public sealed interface Event {

    /** Starts (or restarts after Stop) the instance with the fault reasons present at that moment. */
    record Start(Set<String> faults) implements Event {
        public Start {
            faults = Set.copyOf(faults);
        }
    }

    /** An advert that {@link AdvertCodec#decode} and {@link AdvertCheck#check} accepted. */
    record AdvertReceived(InetAddress source, Advert advert) implements Event {
        public AdvertReceived {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(advert, "advert");
        }
    }

    /** Processes every deadline at or before now. */
    record TimerFired() implements Event {}

    /** The complete set of current fault reasons (interface down, tracked interface or service); empty = healthy. */
    record FaultsChanged(Set<String> reasons) implements Event {
        public FaultsChanged {
            reasons = Set.copyOf(reasons);
        }
    }

    record Stop() implements Event {}

    /** A sync group moving this member along with another one. */
    record ForceState(VrrpState target) implements Event {
        public ForceState {
            if (target != VrrpState.MASTER && target != VrrpState.BACKUP && target != VrrpState.FAULT) {
                throw new IllegalArgumentException("a sync group forces MASTER, BACKUP or FAULT, not " + target);
            }
        }
    }
}
