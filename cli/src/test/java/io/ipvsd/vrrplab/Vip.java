package io.ipvsd.vrrplab;

/** A virtual IPv4 address as both keepalived and ipvsd write it: ADDR/LEN dev ens192 label LABEL. */
record Vip(String address, int prefixLength, String label) {
    static Vip of(String addressSlashLength, String label) {
        String[] parts = addressSlashLength.split("/");
        return new Vip(parts[0], Integer.parseInt(parts[1]), label);
    }

    /** keepalived's virtual_ipaddress syntax, which ipvsd's TOML accepts as a string too. */
    String keepalivedSyntax() {
        return address + "/" + prefixLength + " dev " + Lab.LAN_INTERFACE + " label " + label;
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength + " (" + label + ")";
    }
}
