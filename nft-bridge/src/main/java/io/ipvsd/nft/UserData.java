package io.ipvsd.nft;

import io.ipvsd.nft.expr.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Rule userdata in libnftnl's TLV format (1-byte type, 1-byte length, value), the way nft stores
 * a rule's comment: type NFTNL_UDATA_RULE_COMMENT (0), a NUL-terminated string. Using nft's
 * format means `nft list` shows ipvsd's identity tags as ordinary comments.
 */
public final class UserData {
    static final int NFTNL_UDATA_RULE_COMMENT = 0;
    /** nft refuses longer comments (NFTNL_UDATA_COMMENT_MAXLEN). */
    static final int MAX_COMMENT = 128;

    private UserData() {
    }

    public static Bytes comment(String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        if (s.length + 1 > MAX_COMMENT) {
            throw new IllegalArgumentException("comment longer than " + (MAX_COMMENT - 1) + " bytes: " + text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(NFTNL_UDATA_RULE_COMMENT);
        out.write(s.length + 1);
        out.writeBytes(s);
        out.write(0);
        return Bytes.of(out.toByteArray());
    }

    /** The comment among the TLVs, or empty when there is none or the TLVs are malformed. */
    public static Optional<String> comment(Bytes userdata) {
        byte[] b = userdata.toArray();
        int i = 0;
        while (i + 2 <= b.length) {
            int type = Byte.toUnsignedInt(b[i]);
            int len = Byte.toUnsignedInt(b[i + 1]);
            if (i + 2 + len > b.length) {
                return Optional.empty();
            }
            if (type == NFTNL_UDATA_RULE_COMMENT) {
                int end = i + 2;
                while (end < i + 2 + len && b[end] != 0) {
                    end++;
                }
                return Optional.of(new String(b, i + 2, end - i - 2, StandardCharsets.UTF_8));
            }
            i += 2 + len;
        }
        return Optional.empty();
    }
}
