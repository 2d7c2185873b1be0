package io.ipvsd.daemon.vrrp;

/** The states of a VRRP instance; INIT before Start, STOPPED after Stop. */
public enum VrrpState {
    INIT,
    BACKUP,
    MASTER,
    FAULT,
    STOPPED
}
