package io.ipvsd.daemon.vrrp;

/** The result of decoding one received VRRP payload. */
public sealed interface Decoded permits Decoded.Ok, Decoded.Dropped {

    record Ok(Advert advert) implements Decoded {}

    /**
     * @param detail keepalived's log text without the instance prefix: the runtime, which knows
     *     which instance the VRID belongs to, logs "(NAME) " + detail
     */
    record Dropped(DropReason reason, String detail) implements Decoded {}
}
