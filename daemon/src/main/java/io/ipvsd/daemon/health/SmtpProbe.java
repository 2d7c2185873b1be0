package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;

/** keepalived's SMTP_CHECK over a non-blocking connection; the exchange itself is {@link SmtpDialogue}. */
final class SmtpProbe extends NioProbe {
    private final SmtpDialogue dialogue;
    private ByteBuffer pending;

    SmtpProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout, String heloName) {
        super(address, bind, timeout);
        this.dialogue = new SmtpDialogue(heloName);
    }

    @Override
    protected void connected() {
        phase(dialogue.phase());
        waitFor(SelectionKey.OP_READ);
    }

    @Override
    protected void ready() throws IOException {
        if (pending != null) {
            flush();
            return;
        }
        while (true) {
            ByteBuffer buffer = loop.readBuffer();
            int count = channel.read(buffer);
            if (count == 0) {
                return;
            }
            if (count < 0) {
                finish(dialogue.closed());
                return;
            }
            SmtpDialogue.Step step = dialogue.received(buffer.array(), count);
            if (step instanceof SmtpDialogue.Done done) {
                finish(done.result());
                return;
            }
            if (step instanceof SmtpDialogue.Send send) {
                pending = ByteBuffer.wrap(send.line());
                flush();
                return;
            }
        }
    }

    private void flush() throws IOException {
        channel.write(pending);
        if (pending.hasRemaining()) {
            waitFor(SelectionKey.OP_WRITE);
            return;
        }
        pending = null;
        phase(dialogue.phase());
        waitFor(SelectionKey.OP_READ);
    }
}
