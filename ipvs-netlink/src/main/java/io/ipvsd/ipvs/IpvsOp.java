package io.ipvsd.ipvs;

import java.util.Objects;

/**
 * One change to the IPVS service table, the same value from the plan that decides it to the
 * request that sends it ({@link IpvsClient#apply}). Each op checks its values when it is made
 * (see {@link InputChecks}), so an op that exists can be sent, and an invalid one is refused
 * where it is planned. {@link #toString()} is the line `ipvsctl plan` prints ("+" adds, "~"
 * changes in place, "-" removes, see {@link OpText}); {@link #label()} names only the action and
 * the objects, for error messages. A new setting touches its settings record (with its check) and
 * {@link OpText}; the codecs carry it on the wire.
 */
public sealed interface IpvsOp {

    /** The service the op is on (or of the destination it is on). */
    ServiceKey service();

    /** E.g. "add destination 198.51.100.1:80 to TCP 192.0.2.1:80". */
    String label();

    record AddService(ServiceKey service, ServiceSettings settings) implements IpvsOp {
        public AddService {
            InputChecks.service(service, settings);
        }

        @Override
        public String label() {
            return "add service " + service;
        }

        @Override
        public String toString() {
            return "+ service " + service + " " + OpText.service(service, settings);
        }
    }

    /** @param from the settings it replaces, for the text only; null when not known */
    record EditService(ServiceKey service, ServiceSettings from, ServiceSettings settings) implements IpvsOp {
        public EditService {
            InputChecks.service(service, settings);
        }

        public EditService(ServiceKey service, ServiceSettings settings) {
            this(service, null, settings);
        }

        @Override
        public String label() {
            return "edit service " + service;
        }

        @Override
        public String toString() {
            return "~ service " + service + " " + (from == null ? "" : OpText.service(service, from) + " -> ")
                    + OpText.service(service, settings);
        }
    }

    /** Deletes a service and, with it, its destinations (the kernel removes them together). */
    record DeleteService(ServiceKey service) implements IpvsOp {
        public DeleteService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String label() {
            return "delete service " + service;
        }

        @Override
        public String toString() {
            return "- service " + service;
        }
    }

    record AddDestination(ServiceKey service, DestinationKey destination, DestinationSettings settings)
            implements IpvsOp {
        public AddDestination {
            InputChecks.destination(service, destination, settings);
        }

        @Override
        public String label() {
            return "add destination " + destination + " to " + service;
        }

        @Override
        public String toString() {
            return "+   real " + destination + " of " + service + " " + OpText.destination(settings);
        }
    }

    /**
     * @param from   the settings it replaces, for the text only; null when not known
     * @param reason why, when it is not plain drift from the config (e.g. "draining"), or null
     */
    record EditDestination(ServiceKey service, DestinationKey destination, DestinationSettings from,
                           DestinationSettings settings, String reason) implements IpvsOp {
        public EditDestination {
            InputChecks.destination(service, destination, settings);
        }

        public EditDestination(ServiceKey service, DestinationKey destination, DestinationSettings settings) {
            this(service, destination, null, settings, null);
        }

        @Override
        public String label() {
            return "edit destination " + destination + " of " + service;
        }

        @Override
        public String toString() {
            return "~   real " + destination + " of " + service + " "
                    + (from == null ? "" : OpText.destination(from) + " -> ") + OpText.destination(settings)
                    + OpText.reason(reason);
        }
    }

    /** @param reason why (e.g. "drained", "drain timeout"), or null */
    record DeleteDestination(ServiceKey service, DestinationKey destination, String reason) implements IpvsOp {
        public DeleteDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        public DeleteDestination(ServiceKey service, DestinationKey destination) {
            this(service, destination, null);
        }

        @Override
        public String label() {
            return "delete destination " + destination + " from " + service;
        }

        @Override
        public String toString() {
            return "-   real " + destination + " of " + service + OpText.reason(reason);
        }
    }
}
