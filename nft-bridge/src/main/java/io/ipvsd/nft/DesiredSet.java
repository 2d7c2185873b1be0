package io.ipvsd.nft;

import java.util.List;

/** A set ipvsd wants, with all its elements (sorted, so two equal sets compare equal). */
record DesiredSet(NftSet set, List<SetElement> elements) {
    DesiredSet {
        elements = elements.stream().sorted().distinct().toList();
    }
}
