package io.xueliang.storage.auth;

/** How a token came to be; each kind has its own visible prefix so a leaked token tells what it is. */
public enum TokenKind {
    /** From {@code POST /auth/login}; always expires. */
    SESSION("xls_"),
    /** For an integration, named, listed per user; may never expire. */
    API("xla_");

    private final String prefix;

    TokenKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
