package io.ipvsd.vrrplab;

import java.nio.file.Path;

/** A VRRP speaker in one lab namespace, as the address poller and failure messages see it. */
interface Node {
    /** Short name used in messages ("ka-B", "ipvsd-A"). */
    String name();

    /** The network namespace it runs in. */
    String netns();

    /** Its own address on ens192, e.g. 192.0.2.21. */
    String address();

    /** Its log file (stdout and stderr). */
    Path log();
}
