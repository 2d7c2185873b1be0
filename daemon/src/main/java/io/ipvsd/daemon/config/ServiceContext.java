package io.ipvsd.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * What the real servers of one service are checked against.
 *
 * @param family      empty if the service's own address was invalid (already reported)
 * @param port        the service port (0 for fwmark and all-ports services); empty if invalid
 * @param healthCheck the service's health_check table, the base of each real server's
 * @param healthChecks the service's health_checks tables (empty when it has none)
 * @param syncDaemon  [ipvs.sync_daemon] is configured (the kernel then refuses mixed families)
 */
record ServiceContext(Optional<Family> family, Optional<Integer> port, Optional<TableReader> healthCheck,
                      List<TableReader> healthChecks, boolean syncDaemon) {
}
