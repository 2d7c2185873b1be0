/**
 * Health checking of real servers, as keepalived's checkers do it.
 *
 * <p>How the daemon uses it:
 * <ol>
 *   <li>At start: {@link io.ipvsd.daemon.health.HealthMonitor#start} with a listener, and a
 *       {@link io.ipvsd.daemon.health.NotifyHook}.
 *   <li>On every config load: one {@link io.ipvsd.daemon.health.TargetKey} and
 *       {@link io.ipvsd.daemon.health.Target} per real server of each virtual service, passed to
 *       {@link io.ipvsd.daemon.health.HealthMonitor#update}; unchanged targets keep their state.
 *   <li>On each {@link io.ipvsd.daemon.health.HealthChange} (listener, scheduler thread): hand it to
 *       {@link io.ipvsd.daemon.health.NotifyHook#realServerChanged} and ask for a reconcile.
 *   <li>On each reconcile: per virtual service,
 *       {@link io.ipvsd.daemon.health.PoolDecision#decide} with
 *       {@link io.ipvsd.daemon.health.HealthMonitor#snapshot} and the quorum state of the previous
 *       decision gives the real servers and weights for IPVS;
 *       {@link io.ipvsd.daemon.health.NotifyHook#quorumChanged} reports quorum changes.
 * </ol>
 *
 * <p>Threads, whatever the number of targets: one scheduler, one NIO selector (TCP, HTTP, HTTPS, SMTP,
 * UDP, DNS), one receiver per address family once a ping check runs, up to four for exec checks, one
 * for notify commands.
 */
package io.ipvsd.daemon.health;
