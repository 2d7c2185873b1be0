package io.ipvsd.vrrplab;

import java.nio.file.Path;

/** A VRRP speaker in one lab namespace, as the address poller and failure messages see it. */
abstract class Node {
    protected final Lab lab;
    protected final int index;
    protected final String name;
    protected final Path log;

    /**
     * @param index the node's place in the lab (its namespace and address)
     * @param name  short name used in messages ("ka-B", "ipvsd-A"); its log is NAME.log in the lab's log directory
     */
    protected Node(Lab lab, int index, String name) {
        this.lab = lab;
        this.index = index;
        this.name = name;
        this.log = lab.logDir().resolve(name + ".log");
    }

    String name() {
        return name;
    }

    /** The network namespace it runs in. */
    String netns() {
        return lab.netns(index);
    }

    /** Its own address on ens192, e.g. 192.0.2.21. */
    String address() {
        return Lab.address(index);
    }

    /** Its log file (stdout and stderr). */
    Path log() {
        return log;
    }

    boolean logContains(String text) {
        return Shell.logContains(log, text);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
