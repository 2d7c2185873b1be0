package io.ipvsd.daemon.plan;

/** @param from the current value, or null when it could not be read */
public record SetSysctl(String name, String from, String to) implements Operation {
    @Override
    public String render() {
        return "~ sysctl " + name + " " + (from == null ? "?" : from) + " -> " + to;
    }
}
