package io.ipvsd.daemon.config;

/**
 * What identifies an IPVS virtual service in the kernel. {@code toString()} is the text used in
 * logs and plans, in ipvsadm's style: {@code TCP 192.0.2.10:80}, {@code TCP [2001:db8::1]:80},
 * {@code FWM 1 IPv4}.
 */
public sealed interface ServiceKey permits AddressKey, FwmarkKey {
    Family family();
}
