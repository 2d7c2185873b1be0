package io.ipvsd.daemon.config;

/** Transport protocol of an address service or a mark rule. */
public enum Protocol {
    TCP, UDP, SCTP
}
