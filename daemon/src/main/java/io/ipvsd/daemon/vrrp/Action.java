package io.ipvsd.daemon.vrrp;

/** What the runtime must do after a {@link VrrpMachine} step, in order. */
public sealed interface Action {

    /** Send the instance's advert ({@link InstanceSpec#advert}) with this priority, to the group or each peer. */
    record SendAdvert(int priority) implements Action {}

    record AddVips() implements Action {}

    record RemoveVips() implements Action {}

    /** One burst of garpRepeat gratuitous ARPs / unsolicited NAs per VIP. */
    record SendGratuitous() implements Action {}

    /** Run the notify scripts for the state entered. */
    record Notify(VrrpState state, int priority) implements Action {}

    record Log(Level level, String line) implements Action {}

    enum Level {
        INFO,
        WARN
    }
}
