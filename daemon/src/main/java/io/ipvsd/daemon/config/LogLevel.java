package io.ipvsd.daemon.config;

/** Daemon log verbosity. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE
}
