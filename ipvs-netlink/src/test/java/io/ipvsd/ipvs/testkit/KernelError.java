package io.ipvsd.ipvs.testkit;

/** The fake kernel refuses a request with this errno (positive). */
final class KernelError extends Exception {
    final int errno;

    KernelError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }
}
