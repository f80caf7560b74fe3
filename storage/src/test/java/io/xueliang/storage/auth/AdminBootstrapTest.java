package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {
    private static final InstantSource CLOCK = InstantSource.fixed(SqliteUserStoreTest.T0);

    @TempDir
    Path root;
    private EmbeddedDatabase database;
    private SqliteUserStore users;

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), CLOCK);
        users = new SqliteUserStore(database, new PasswordHasher(PasswordHasherTest.CHEAP, new SecureRandom()),
                PasswordPolicy.DEFAULT);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void firstStartCreatesAdminWithARandomPasswordOnce() {
        AdminBootstrap.Created created = AdminBootstrap.ensureAdmin(users, Optional.empty(), CLOCK, new SecureRandom())
                .orElseThrow();
        assertThat(created.generated()).isTrue();
        assertThat(created.password()).matches("[A-Za-z0-9_-]{24}");
        assertThat(created.toString()).doesNotContain(created.password());
        assertThat(users.authenticate("admin", created.password()))
                .contains(new User("admin", Set.of(Role.ADMIN), List.of(), SqliteUserStoreTest.T0, false));

        assertThat(AdminBootstrap.ensureAdmin(users, Optional.empty(), CLOCK, new SecureRandom())).isEmpty();
        assertThat(AdminBootstrap.ensureAdmin(users, Optional.of("another long password"), CLOCK,
                new SecureRandom())).isEmpty();
        assertThat(users.authenticate("admin", created.password())).isPresent();
        assertThat(users.list(null, 10).items()).hasSize(1);
    }

    @Test
    void passwordFromTheEnvironmentIsUsedAndNotMarkedForPrinting() {
        AdminBootstrap.Created created = AdminBootstrap.ensureAdmin(users, Optional.of("from the environment"), CLOCK,
                new SecureRandom()).orElseThrow();
        assertThat(created.generated()).isFalse();
        assertThat(users.authenticate("admin", "from the environment")).isPresent();
    }

    @Test
    void weakPasswordFromTheEnvironmentCreatesNothing() {
        assertThatThrownBy(() -> AdminBootstrap.ensureAdmin(users, Optional.of("admin"), CLOCK, new SecureRandom()))
                .isInstanceOf(PasswordPolicyException.class)
                .hasMessage("password must be 12 to 256 characters long");
        assertThat(users.isEmpty()).isTrue();
    }

    @Test
    void anyExistingUserMeansNoAdminIsCreated() throws Exception {
        users.create(User.of("zhang", Set.of(Role.AUDITOR), List.of(), SqliteUserStoreTest.T0),
                SqliteUserStoreTest.PASSWORD).get();
        assertThat(AdminBootstrap.ensureAdmin(users, Optional.empty(), CLOCK, new SecureRandom())).isEmpty();
        assertThat(users.get("admin")).isEmpty();
    }
}
