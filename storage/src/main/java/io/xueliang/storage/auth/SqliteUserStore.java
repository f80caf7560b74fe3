package io.xueliang.storage.auth;

import io.xueliang.sql.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sqlite.SQLiteErrorCode;

/**
 * Users in the embedded store's {@code users}, {@code user_roles} and {@code user_regions} tables (schema V2).
 *
 * <p>Passwords are hashed before a write is submitted, on the caller's thread; the writer thread only runs SQL.
 * A successful login whose hash has outdated parameters queues a rehash, written only if the stored hash is still the
 * one that was verified (a password change in between wins).
 */
public final class SqliteUserStore implements UserStore {
    private final EmbeddedDatabase database;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    /** Verified against when the user does not exist, so unknown names cost the same hash as known ones. */
    private final String dummyHash;

    public SqliteUserStore(EmbeddedDatabase database, PasswordHasher hasher, PasswordPolicy policy) {
        this.database = Objects.requireNonNull(database, "database");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.dummyHash = hasher.hash("not a password: evens out the time of logins for unknown users");
    }

    @Override
    public CompletableFuture<User> create(User user, String password) {
        Objects.requireNonNull(user, "user");
        policy.check(user.username(), password);
        String hash = hasher.hash(password);
        return database.submit(connection -> {
            if (exists(connection, user.username())) {
                throw new DuplicateUserException(user.username());
            }
            try {
                UserRows.insert(connection, user, hash);
            } catch (SQLException e) {
                // The check above sees every earlier write (one writer); this is for a second process on the file.
                if (e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
                    throw new DuplicateUserException(user.username());
                }
                throw e;
            }
            return user;
        });
    }

    @Override
    public Optional<User> get(String username) {
        if (!validName(username)) {
            return Optional.empty();
        }
        return database.read(connection -> UserRows.load(connection, username).map(UserRows.Stored::user));
    }

    @Override
    public UserPage list(String afterUsername, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", not " + limit);
        }
        return database.read(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT username FROM users WHERE username > ? ORDER BY username LIMIT ?")) {
                st.setString(1, afterUsername == null ? "" : afterUsername);
                // One more than asked tells whether there is a next page.
                st.setInt(2, limit + 1);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            boolean more = names.size() > limit;
            List<User> users = new ArrayList<>();
            for (String name : more ? names.subList(0, limit) : names) {
                UserRows.load(connection, name).ifPresent(s -> users.add(s.user()));
            }
            return new UserPage(users, more ? Optional.of(users.getLast().username()) : Optional.empty());
        });
    }

    @Override
    public boolean isEmpty() {
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM users LIMIT 1");
                    ResultSet rs = st.executeQuery()) {
                return !rs.next();
            }
        });
    }

    @Override
    public CompletableFuture<User> update(String username, UserChange change) {
        Objects.requireNonNull(change, "change");
        return database.submit(connection -> {
            User current = UserRows.load(connection, username).orElseThrow(() -> new UnknownUserException(username))
                    .user();
            User changed = change.applyTo(current);
            UserRows.update(connection, changed);
            return changed;
        });
    }

    @Override
    public CompletableFuture<Void> setPassword(String username, String password) {
        policy.check(username, password);
        String hash = hasher.hash(password);
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE users SET password_hash = ? WHERE username = ?")) {
                st.setString(1, hash);
                st.setString(2, username);
                if (st.executeUpdate() == 0) {
                    throw new UnknownUserException(username);
                }
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(String username) {
        return database.submit(connection -> {
            // What was bound to the account goes with it (exports keep their uid, for the audit to name).
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM wall_layouts WHERE user_uid ="
                    + " (SELECT uid FROM users WHERE username = ?)")) {
                st.setString(1, username);
                st.executeUpdate();
            }
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM users WHERE username = ?")) {
                st.setString(1, username);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<User> authenticate(String username, String password) {
        if (password == null || password.length() > 2 * policy.maxLength()) {
            // Longer than any password we accept: refusing early bounds the hashing work one request can cause.
            hasher.verify("", dummyHash);
            return Optional.empty();
        }
        Optional<UserRows.Stored> stored = validName(username)
                ? database.read(connection -> UserRows.load(connection, username))
                : Optional.empty();
        if (stored.isEmpty()) {
            hasher.verify(password, dummyHash);
            return Optional.empty();
        }
        String hash = stored.get().passwordHash();
        boolean ok = hasher.verify(password, hash);
        User user = stored.get().user();
        if (!ok || user.disabled()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash)) {
            String fresh = hasher.hash(password);
            // Best effort: a failed rehash leaves the old, still valid, hash.
            database.submit(connection -> {
                try (PreparedStatement st = connection.prepareStatement(
                        "UPDATE users SET password_hash = ? WHERE username = ? AND password_hash = ?")) {
                    st.setString(1, fresh);
                    st.setString(2, username);
                    st.setString(3, hash);
                    return st.executeUpdate();
                }
            });
        }
        return Optional.of(user);
    }

    /** The stored hash, for tests and the rehash check. */
    Optional<String> passwordHash(String username) {
        return database.read(connection -> UserRows.load(connection, username).map(UserRows.Stored::passwordHash));
    }

    private static boolean exists(Connection connection, String username) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean validName(String username) {
        try {
            User.checkUsername(username);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
