package io.ipvsd.nft;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything ipvsd wants in its nf_tables table: the desired state {@link NftClient#sync} makes
 * true. The table is of family inet (IPv4 and IPv6); ipvsd owns it whole and never touches
 * another.
 */
public record NftRuleset(String table, List<MarkRule> marks, List<MasqueradeRule> masquerades) {
    public static final String DEFAULT_TABLE = "ipvsd";

    public NftRuleset {
        Names.identifier("table name", table);
        marks = List.copyOf(marks);
        masquerades = List.copyOf(masquerades);
        Set<String> names = new HashSet<>();
        for (MarkRule m : marks) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("two rules are named " + m.name());
            }
        }
        for (MasqueradeRule m : masquerades) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("two rules are named " + m.name());
            }
        }
    }

    public static NftRuleset empty(String table) {
        return new NftRuleset(table, List.of(), List.of());
    }
}
