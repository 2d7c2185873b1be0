package io.ipvsd.daemon.vrrp;

/** A received advert an instance refuses, with the full log line ("(VI_1) received an invalid passwd!"). */
public record Drop(DropReason reason, String line) {}
