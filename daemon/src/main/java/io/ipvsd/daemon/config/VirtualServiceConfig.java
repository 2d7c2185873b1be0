package io.ipvsd.daemon.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One IPVS virtual service as the configuration wants it.
 *
 * @param name              optional label (unique), or null
 * @param scheduler         lowercase kernel scheduler name ("wlc", "mh", ...)
 * @param schedulerFlags    only flags valid for the scheduler; iteration in declaration order
 * @param persistence       null when not persistent
 * @param persistenceEngine "sip" or null
 * @param drainTimeout      how long a removed real server is drained (weight 0) before deletion;
 *                          daemon.drain_timeout unless the service overrides it
 * @param quorum            minimum sum of weights of up real servers; 0 = no quorum
 * @param sorryServer       null when none
 * @param notifyCommand     command (argv) run on transitions; empty = none
 * @param reals             in file order
 */
public record VirtualServiceConfig(String name, ServiceKey key, String scheduler, Set<SchedulerFlag> schedulerFlags,
                                   Persistence persistence, boolean onePacket, String persistenceEngine,
                                   Duration drainTimeout, boolean inhibitOnFailure, int quorum,
                                   int quorumHysteresis, SorryServerConfig sorryServer, List<String> notifyCommand,
                                   List<RealServerConfig> reals, SourcePos pos) {
    public VirtualServiceConfig {
        schedulerFlags = EnumSets.copyOf(SchedulerFlag.class, schedulerFlags);
        notifyCommand = List.copyOf(notifyCommand);
        reals = List.copyOf(reals);
    }
}
