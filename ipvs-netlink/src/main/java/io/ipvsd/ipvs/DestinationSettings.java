package io.ipvsd.ipvs;

/**
 * What can be changed on a destination in place (IPVS_CMD_SET_DEST).
 *
 * @param method         forwarding method
 * @param weight         0 = quiesced (no new connections); the kernel takes any int >= 0, and
 *                       ipvsadm 1.31 too (weights above 65535 were seen accepted in the VM)
 * @param upperThreshold max connections, 0 = none
 * @param lowerThreshold connections below which an overloaded server takes new ones again
 * @param tunnel         tunnel encapsulation for TUNNEL (IPIP when not given), else null
 */
public record DestinationSettings(ForwardingMethod method, int weight, long upperThreshold, long lowerThreshold,
                                  Tunnel tunnel) {
    public DestinationSettings {
        // The kernel reports IPIP for a tunnel given without options: say so here too, so a
        // desired destination compares equal to the observed one.
        if (method == ForwardingMethod.TUNNEL && tunnel == null) {
            tunnel = Tunnel.IPIP;
        }
    }
}
