package io.ipvsd.cli.list;

import io.ipvsd.cli.IpvsAccess;
import io.ipvsd.cli.Ipvsctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One ipvsctl run in-process: exit code and both streams. */
record Run(int code, String out, String err) {
    static Run of(IpvsAccess access, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(access).execute(args, new PrintStream(out), new PrintStream(err));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
