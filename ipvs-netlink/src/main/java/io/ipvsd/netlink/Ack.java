package io.ipvsd.netlink;

/**
 * The kernel's answer to one message of a pipelined send.
 *
 * @param index  position of the message in the list that was sent
 * @param errno  0 for success, else the positive errno
 * @param extAck the kernel's extended-ack text, or null
 */
public record Ack(int index, int errno, String extAck) {
    public boolean ok() {
        return errno == 0;
    }
}
