package io.ipvsd.cli;

import io.ipvsd.ipvs.ServiceKey;
import java.io.IOException;

/** A command named a virtual service the kernel does not have. */
public class NoSuchServiceException extends IOException {
    public NoSuchServiceException(ServiceKey key) {
        super("no such service: " + key);
    }
}
