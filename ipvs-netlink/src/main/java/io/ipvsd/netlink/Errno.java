package io.ipvsd.netlink;

import java.util.Map;

/** The errno values netlink users meet, with their symbolic names for error messages. */
public final class Errno {
    private Errno() {
    }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;
    public static final int ENOTSUP = 95;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EAFNOSUPPORT = 97;
    public static final int ENOBUFS = 105;
    public static final int ERESTART = 85;
    public static final int EMSGSIZE = 90;
    public static final int ENOPROTOOPT = 92;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int EHOSTUNREACH = 113;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM (Operation not permitted)"),
            Map.entry(ENOENT, "ENOENT (No such file or directory)"),
            Map.entry(ESRCH, "ESRCH (No such process)"),
            Map.entry(EINTR, "EINTR (Interrupted system call)"),
            Map.entry(EBADF, "EBADF (Bad file descriptor)"),
            Map.entry(EAGAIN, "EAGAIN (Resource temporarily unavailable)"),
            Map.entry(ENOMEM, "ENOMEM (Cannot allocate memory)"),
            Map.entry(EACCES, "EACCES (Permission denied)"),
            Map.entry(EBUSY, "EBUSY (Device or resource busy)"),
            Map.entry(EEXIST, "EEXIST (File exists)"),
            Map.entry(ENODEV, "ENODEV (No such device)"),
            Map.entry(EINVAL, "EINVAL (Invalid argument)"),
            Map.entry(ENOSPC, "ENOSPC (No space left on device)"),
            Map.entry(ERANGE, "ERANGE (Numerical result out of range)"),
            Map.entry(ENOTSUP, "EOPNOTSUPP (Operation not supported)"),
            Map.entry(EPROTONOSUPPORT, "EPROTONOSUPPORT (Protocol not supported)"),
            Map.entry(EAFNOSUPPORT, "EAFNOSUPPORT (Address family not supported by protocol)"),
            Map.entry(ENOBUFS, "ENOBUFS (No buffer space available)"),
            Map.entry(ERESTART, "ERESTART (Interrupted system call should be restarted)"),
            Map.entry(EMSGSIZE, "EMSGSIZE (Message too long)"),
            Map.entry(ENOPROTOOPT, "ENOPROTOOPT (Protocol not available)"),
            Map.entry(EADDRNOTAVAIL, "EADDRNOTAVAIL (Cannot assign requested address)"),
            Map.entry(ENETDOWN, "ENETDOWN (Network is down)"),
            Map.entry(ENETUNREACH, "ENETUNREACH (Network is unreachable)"),
            Map.entry(EHOSTUNREACH, "EHOSTUNREACH (No route to host)"));

    /** "ENOENT (No such file or directory)", or "errno 123" for one without a name here. */
    public static String describe(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
