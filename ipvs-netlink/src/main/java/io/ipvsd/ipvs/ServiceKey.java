package io.ipvsd.ipvs;

/**
 * What identifies a virtual service to the kernel: protocol + address + port, or a firewall mark
 * within an address family. Its toString is the form logs and plans use, like ipvsadm's
 * ("TCP 192.0.2.1:80", "TCP [2001:db8::1]:80", "FWM 1 IPv4").
 */
public sealed interface ServiceKey permits AddressServiceKey, FwmarkServiceKey {
    AddressFamily family();
}
