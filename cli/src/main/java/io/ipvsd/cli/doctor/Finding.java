package io.ipvsd.cli.doctor;

/**
 * One line of doctor's answer: what is wrong (or which check could not run) and what to do.
 *
 * @param subject what the line is about ("NAT service TCP 192.0.2.10:80")
 * @param problem what is wrong with it
 * @param remedy  what to do about it
 */
record Finding(Kind kind, String subject, String problem, String remedy) {
    enum Kind {
        /** Something is wrong: doctor exits 1. */
        PROBLEM,
        /** A check could not run (no daemon, no config): said, but not counted as a problem. */
        NOT_CHECKED
    }

    static Finding problem(String subject, String problem, String remedy) {
        return new Finding(Kind.PROBLEM, subject, problem, remedy);
    }

    static Finding notChecked(String subject, String why) {
        return new Finding(Kind.NOT_CHECKED, subject, why, null);
    }

    /** The printed line: "doctor: SUBJECT: PROBLEM; REMEDY" or "doctor: not checked: SUBJECT: WHY". */
    String line() {
        return kind == Kind.PROBLEM
                ? "doctor: " + subject + ": " + problem + "; " + remedy
                : "doctor: not checked: " + subject + ": " + problem;
    }
}
