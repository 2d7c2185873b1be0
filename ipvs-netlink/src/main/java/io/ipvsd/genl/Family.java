package io.ipvsd.genl;

/** A resolved generic netlink family: the dynamic message type id the kernel gave it. */
public record Family(String name, int id, int version, int headerSize, int maxAttr) {
}
