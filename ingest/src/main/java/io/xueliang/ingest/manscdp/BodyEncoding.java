package io.xueliang.ingest.manscdp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How {@link ManscdpWriter} encodes a body, and what its XML declaration says. */
public enum BodyEncoding {
    /**
     * Declares {@code GB2312} and encodes as GB18030, its superset: what superior platforms
     * (the standard's examples declare GB2312) expect. Characters outside GB2312 still
     * arrive, as GBK or four-byte GB18030 sequences, which those platforms decode.
     */
    GB2312_AS_GB18030("GB2312", ManscdpCharset.GB18030),
    /** Declares and encodes UTF-8, for peers configured for it (platforms built on UTF-8 defaults). */
    UTF_8("UTF-8", StandardCharsets.UTF_8);

    private final String declared;
    private final Charset charset;

    BodyEncoding(String declared, Charset charset) {
        this.declared = declared;
        this.charset = charset;
    }

    /** The name in the XML declaration. */
    public String declared() {
        return declared;
    }

    public Charset charset() {
        return charset;
    }
}
