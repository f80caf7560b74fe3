package io.xueliang.storage.auth;

import io.xueliang.sql.EmbeddedDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Sessions and API tokens in the embedded store's {@code tokens} table (schema V2).
 *
 * <pre>
 *   token  = prefix base64url(32 random bytes, no padding)      e.g. xls_3q2-7wAA...  (4 + 43 characters)
 *   stored = hex(SHA-256(token))                                 never the token itself
 * </pre>
 *
 * <p>A plain SHA-256 suffices (no Argon2, no salt): the token has 256 random bits, so there is nothing to guess, and
 * an unsalted hash lets {@link #resolve} find the row by index.
 *
 * <p>{@link #resolve} is a read; it records last use with a write only when the stored time is older than
 * {@code lastUsedResolution}, so a busy integration costs one write per resolution interval, not one per request.
 */
public final class SqliteTokenStore implements TokenStore {
    private static final int RANDOM_BYTES = 32;
    private static final int TOKEN_LENGTH = 4 + 43;

    private final EmbeddedDatabase database;
    private final InstantSource clock;
    private final SecureRandom random;
    private final Duration lastUsedResolution;

    /**
     * @param database the store
     * @param clock the time for expiry and last use
     * @param random the token source
     * @param lastUsedResolution how stale an API token's last-used time may get before a resolve updates it
     */
    public SqliteTokenStore(EmbeddedDatabase database, InstantSource clock, SecureRandom random,
            Duration lastUsedResolution) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.lastUsedResolution = Objects.requireNonNull(lastUsedResolution, "lastUsedResolution");
    }

    /** A store with a fresh {@link SecureRandom} and last use kept to the minute. */
    public SqliteTokenStore(EmbeddedDatabase database, InstantSource clock) {
        this(database, clock, new SecureRandom(), Duration.ofMinutes(1));
    }

    @Override
    public CompletableFuture<IssuedToken> issueSession(String username, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a session lives a positive time, not " + ttl);
        }
        Instant now = clock.instant();
        return issue(username, TokenKind.SESSION, null, null, now, now.plus(ttl));
    }

    @Override
    public CompletableFuture<IssuedToken> issueApiToken(String username, String name, Set<Role> roles,
            Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("an API token name is 1 to " + MAX_NAME_LENGTH
                    + " characters, not blank");
        }
        return issue(username, TokenKind.API, name, roles.isEmpty() ? null : joinRoles(roles), clock.instant(),
                expiresAt);
    }

    private static String joinRoles(Set<Role> roles) {
        return roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
    }

    /** The roles a stored limit names; empty for NULL (no limit). */
    private static Set<Role> splitRoles(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(stored.split(",")).map(Role::fromWireName).collect(Collectors.toUnmodifiableSet());
    }

    private CompletableFuture<IssuedToken> issue(String username, TokenKind kind, String name, String roles,
            Instant now, Instant expiresAt) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = kind.prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256Hex(token);
        return database.submit(connection -> {
            try (PreparedStatement check = connection.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
                check.setString(1, username);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownUserException(username);
                    }
                }
            }
            if (kind == TokenKind.API) {
                try (PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM tokens WHERE username = ? AND kind = 'API' AND revoked = 0")) {
                    count.setString(1, username);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) >= MAX_API_TOKENS_PER_USER) {
                            throw new TokenLimitException(username, MAX_API_TOKENS_PER_USER);
                        }
                    }
                }
            }
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT INTO tokens (token_hash, username, kind, name, created_micros, expires_micros, roles)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, hash);
                st.setString(2, username);
                st.setString(3, kind.name());
                st.setString(4, name);
                st.setLong(5, UserRows.micros(now));
                if (expiresAt == null) {
                    st.setNull(6, Types.INTEGER);
                } else {
                    st.setLong(6, UserRows.micros(expiresAt));
                }
                st.setString(7, roles);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return new IssuedToken(keys.getLong(1), token, kind, expiresAt);
                }
            }
        });
    }

    @Override
    public Optional<Principal> resolve(String token) {
        TokenKind kind = shapeOf(token);
        if (kind == null) {
            return Optional.empty();
        }
        String hash = sha256Hex(token);
        return resolveWhere("t.token_hash = ? AND t.kind = ?", st -> {
            st.setString(2, hash);
            st.setString(3, kind.name());
        });
    }

    @Override
    public Optional<Principal> resolveId(long tokenId) {
        return resolveWhere("t.id = ?", st -> st.setLong(2, tokenId));
    }

    private interface Binder {
        /** Sets the parameters of the {@code where} clause, from index 2 on. */
        void bind(PreparedStatement st) throws SQLException;
    }

    private Optional<Principal> resolveWhere(String where, Binder binder) {
        long now = UserRows.micros(clock.instant());
        record Found(long id, String username, Long lastUsed, Set<Role> limit, User user, String uid, TokenKind kind) {
        }
        Optional<Found> found = database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT t.id, t.username, t.last_used_micros, t.roles, t.kind FROM tokens t"
                            + " JOIN users u ON u.username = t.username WHERE t.revoked = 0"
                            + " AND (t.expires_micros IS NULL OR t.expires_micros > ?) AND u.disabled = 0 AND " + where)) {
                st.setLong(1, now);
                binder.bind(st);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long id = rs.getLong(1);
                    String username = rs.getString(2);
                    long lastUsed = rs.getLong(3);
                    Long lastUsedOrNull = rs.wasNull() ? null : lastUsed;
                    Set<Role> limit = splitRoles(rs.getString(4));
                    TokenKind kind = TokenKind.valueOf(rs.getString(5));
                    return UserRows.load(connection, username)
                            .map(s -> new Found(id, username, lastUsedOrNull, limit, s.user(), s.uid(), kind));
                }
            }
        });
        found.ifPresent(f -> {
            if (f.lastUsed() == null || now - f.lastUsed() >= lastUsedResolution.toNanos() / 1000) {
                touch(f.id(), now);
            }
        });
        // A limited token acts with the roles it names that the user still has: taking a role from the user takes
        // it from their tokens too.
        return found.map(f -> new Principal(f.username(), f.uid(), f.limit().isEmpty() ? f.user().roles()
                : f.user().roles().stream().filter(f.limit()::contains).collect(Collectors.toUnmodifiableSet()),
                f.user().regions(), f.id(), f.kind()));
    }

    private void touch(long id, long nowMicros) {
        // Fire and forget: a lost last-use update (queue full, shutdown) is harmless.
        database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE tokens SET last_used_micros = ? WHERE id = ?"
                            + " AND (last_used_micros IS NULL OR last_used_micros < ?)")) {
                st.setLong(1, nowMicros);
                st.setLong(2, id);
                st.setLong(3, nowMicros);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> revoke(long tokenId) {
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE tokens SET revoked = 1 WHERE id = ? AND revoked = 0")) {
                st.setLong(1, tokenId);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> revokeApiToken(String username, long tokenId) {
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE tokens SET revoked = 1 WHERE id = ? AND username = ? AND kind = 'API' AND revoked = 0")) {
                st.setLong(1, tokenId);
                st.setString(2, username);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CompletableFuture<Integer> revokeSessionsExcept(String username, long keepTokenId) {
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE tokens SET revoked = 1 WHERE username = ? AND kind = 'SESSION' AND id <> ? AND revoked = 0")) {
                st.setString(1, username);
                st.setLong(2, keepTokenId);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<Integer> revokeAllFor(String username) {
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE tokens SET revoked = 1 WHERE username = ? AND revoked = 0")) {
                st.setString(1, username);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<Integer> purgeDead() {
        long now = UserRows.micros(clock.instant());
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "DELETE FROM tokens WHERE revoked = 1 OR expires_micros <= ?")) {
                st.setLong(1, now);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public List<ApiTokenInfo> listApiTokens(String username) {
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT id, name, roles, created_micros, last_used_micros, expires_micros FROM tokens"
                            + " WHERE username = ? AND kind = 'API' AND revoked = 0 ORDER BY id")) {
                st.setString(1, username);
                List<ApiTokenInfo> tokens = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tokens.add(new ApiTokenInfo(rs.getLong(1), rs.getString(2), splitRoles(rs.getString(3)),
                                UserRows.instant(rs.getLong(4)), nullableInstant(rs, 5), nullableInstant(rs, 6)));
                    }
                }
                return tokens;
            }
        });
    }

    private static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : UserRows.instant(micros);
    }

    /** The kind of a well-formed token, or null: a bad shape never reaches the database. */
    private static TokenKind shapeOf(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return null;
        }
        for (int i = 4; i < TOKEN_LENGTH; i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return null;
            }
        }
        for (TokenKind kind : TokenKind.values()) {
            if (token.startsWith(kind.prefix())) {
                return kind;
            }
        }
        return null;
    }

    static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
