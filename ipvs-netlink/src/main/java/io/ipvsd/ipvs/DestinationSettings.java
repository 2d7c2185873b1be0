package io.ipvsd.ipvs;

/**
 * What can be changed on a destination in place (IPVS_CMD_SET_DEST).
 *
 * @param method         forwarding method
 * @param weight         0..65535 as ipvsadm accepts (0 = quiesced: no new connections)
 * @param upperThreshold max connections, 0 = none
 * @param lowerThreshold connections below which an overloaded server takes new ones again
 * @param tunnel         tunnel encapsulation for TUNNEL (IPIP when not given), else null
 */
public record DestinationSettings(ForwardingMethod method, int weight, long upperThreshold, long lowerThreshold,
                                  Tunnel tunnel) {
}
