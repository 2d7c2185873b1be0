package io.ipvsd.ipvs;

import java.util.Objects;

/**
 * One write to the IPVS tables, as a plan lists them and {@link IpvsClient#apply} sends them. Each
 * op checks its values when it is made (see {@link InputChecks}), so an op that exists can be sent.
 * {@link #toString()} is the op with its settings ("add service TCP 192.0.2.1:80 sched=wlc");
 * {@link #label()} names only the action and the objects, for error messages.
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
            return label() + " " + OpText.settings(service, settings);
        }
    }

    record EditService(ServiceKey service, ServiceSettings settings) implements IpvsOp {
        public EditService {
            InputChecks.service(service, settings);
        }

        @Override
        public String label() {
            return "edit service " + service;
        }

        @Override
        public String toString() {
            return label() + " " + OpText.settings(service, settings);
        }
    }

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
            return label();
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
            return label() + " " + OpText.settings(settings);
        }
    }

    record EditDestination(ServiceKey service, DestinationKey destination, DestinationSettings settings)
            implements IpvsOp {
        public EditDestination {
            InputChecks.destination(service, destination, settings);
        }

        @Override
        public String label() {
            return "edit destination " + destination + " of " + service;
        }

        @Override
        public String toString() {
            return label() + " " + OpText.settings(settings);
        }
    }

    record DeleteDestination(ServiceKey service, DestinationKey destination) implements IpvsOp {
        public DeleteDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String label() {
            return "delete destination " + destination + " from " + service;
        }

        @Override
        public String toString() {
            return label();
        }
    }
}
