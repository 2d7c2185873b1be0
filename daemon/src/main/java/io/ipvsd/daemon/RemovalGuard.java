package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.desired.KernelTerms;
import io.ipvsd.ipvs.ServiceKey;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses a file that would remove every service ipvsd owns, or more than
 * {@code [daemon] max_removal_share} percent of them, unless the operator confirmed it: a file cut
 * short by an editor, an empty file or a bad merge must not delete a director's services.
 */
final class RemovalGuard {
    private static final int NAMED = 5;

    private RemovalGuard() {
    }

    static Set<ServiceKey> servicesOf(Config config) {
        Set<ServiceKey> keys = new HashSet<>();
        for (VirtualServiceConfig s : config.services()) {
            keys.add(KernelTerms.serviceKey(s.key()));
        }
        return keys;
    }

    /**
     * @param owned the services ipvsd owns now (what state.json records)
     * @return why {@code next} is refused, with how to confirm it; empty when it may be loaded
     */
    static Optional<String> check(Path file, Set<ServiceKey> owned, Config next) {
        if (owned.isEmpty()) {
            return Optional.empty();
        }
        Set<ServiceKey> removed = new HashSet<>(owned);
        removed.removeAll(servicesOf(next));
        int share = next.daemon().maxRemovalShare();
        boolean all = removed.size() == owned.size();
        if (!all && removed.size() * 100L <= (long) share * owned.size()) {
            return Optional.empty();
        }
        Set<String> names = removed.stream().map(ServiceKey::toString).collect(Collectors.toCollection(TreeSet::new));
        String listed = names.stream().limit(NAMED).collect(Collectors.joining(", "))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "");
        String why = all ? "every service ipvsd owns" : "more than max_removal_share = " + share + "% of them";
        return Optional.of(file + " would remove " + removed.size() + " of the " + owned.size()
                + " services ipvsd owns (" + why + "): " + listed + "; not loaded, the running services stay."
                + " If this is intended, confirm with `ipvsctl reload --allow-removal`");
    }
}
