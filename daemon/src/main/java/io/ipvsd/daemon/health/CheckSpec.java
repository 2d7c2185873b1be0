package io.ipvsd.daemon.health;

/** What a health check does to decide whether one real server is up. */
public sealed interface CheckSpec
        permits TcpCheck, HttpCheck, ExecCheck, NoCheck, PingCheck, UdpCheck, DnsCheck, SmtpCheck, AllChecks {
}
