package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.IpvsOp;

/**
 * A change to services and real servers: the IPVS op itself, made (and so checked) when it is
 * planned, sent as it is, and printed as its own text.
 */
public record IpvsChange(IpvsOp op) implements Operation {
    @Override
    public String render() {
        return op.toString();
    }
}
