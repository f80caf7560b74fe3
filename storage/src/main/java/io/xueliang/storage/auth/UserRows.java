package io.xueliang.storage.auth;

import io.xueliang.sql.SqlInstants;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading and writing the rows of one user in {@code users}, {@code user_roles} and {@code user_regions}. */
final class UserRows {
    private static final SecureRandom UIDS = new SecureRandom();

    private UserRows() {
    }

    /** The user and their password hash, or empty. */
    static Optional<Stored> load(Connection connection, String username) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT created_micros, disabled, password_hash, uid FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant created = instant(rs.getLong(1));
                boolean disabled = rs.getInt(2) != 0;
                String hash = rs.getString(3);
                String uid = rs.getString(4);
                User user = new User(username, roles(connection, username), regions(connection, username), created,
                        disabled);
                return Optional.of(new Stored(user, hash, uid));
            }
        }
    }

    private static Set<Role> roles(Connection connection, String username) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        try (PreparedStatement st = connection.prepareStatement("SELECT role FROM user_roles WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    roles.add(Role.fromWireName(rs.getString(1)));
                }
            }
        }
        return roles;
    }

    private static List<List<String>> regions(Connection connection, String username) throws SQLException {
        List<List<String>> regions = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT region, name FROM user_regions WHERE username = ? ORDER BY region, depth")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                int current = -1;
                while (rs.next()) {
                    int region = rs.getInt(1);
                    if (region != current) {
                        regions.add(new ArrayList<>());
                        current = region;
                    }
                    regions.getLast().add(rs.getString(2));
                }
            }
        }
        return regions;
    }

    /** Inserts a new user under a fresh uid: 128 random bits, so no two users, past or present, share one. */
    static void insert(Connection connection, User user, String passwordHash) throws SQLException {
        byte[] uid = new byte[16];
        UIDS.nextBytes(uid);
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO users (username, password_hash, created_micros, disabled, uid) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, user.username());
            st.setString(2, passwordHash);
            st.setLong(3, micros(user.createdAt()));
            st.setInt(4, user.disabled() ? 1 : 0);
            st.setString(5, HexFormat.of().formatHex(uid));
            st.executeUpdate();
        }
        insertRolesAndRegions(connection, user);
    }

    /** Rewrites the roles, regions and disabled flag of an existing user. */
    static void update(Connection connection, User user) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE users SET disabled = ? WHERE username = ?")) {
            st.setInt(1, user.disabled() ? 1 : 0);
            st.setString(2, user.username());
            st.executeUpdate();
        }
        for (String table : List.of("user_roles", "user_regions")) {
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM " + table + " WHERE username = ?")) {
                st.setString(1, user.username());
                st.executeUpdate();
            }
        }
        insertRolesAndRegions(connection, user);
    }

    private static void insertRolesAndRegions(Connection connection, User user) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO user_roles (username, role) VALUES (?, ?)")) {
            for (Role role : user.roles()) {
                st.setString(1, user.username());
                st.setString(2, role.wireName());
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO user_regions (username, region, depth, name) VALUES (?, ?, ?, ?)")) {
            for (int region = 0; region < user.regions().size(); region++) {
                List<String> path = user.regions().get(region);
                for (int depth = 0; depth < path.size(); depth++) {
                    st.setString(1, user.username());
                    st.setInt(2, region);
                    st.setInt(3, depth);
                    st.setString(4, path.get(depth));
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    static long micros(Instant at) {
        return SqlInstants.micros(at);
    }

    static Instant instant(long micros) {
        return SqlInstants.instant(micros);
    }

    /** A user row with its password hash, which never leaves this package, and its never reused id. */
    record Stored(User user, String passwordHash, String uid) {
        @Override
        public String toString() {
            return "Stored[" + user + "]";
        }
    }
}
