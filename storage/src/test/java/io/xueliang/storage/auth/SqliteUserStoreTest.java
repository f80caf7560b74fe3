package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserStoreTest {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path root;
    private EmbeddedDatabase database;
    private SqliteUserStore users;

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        users = new SqliteUserStore(database, new PasswordHasher(PasswordHasherTest.CHEAP, new SecureRandom()),
                PasswordPolicy.DEFAULT);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static User investigator(String name) {
        return User.of(name, Set.of(Role.INVESTIGATOR, Role.VIEWER),
                List.of(List.of("Changsha", "Yuelu"), List.of("Zhuzhou")), T0);
    }

    @Test
    void createsAndGetsAUserWithRolesAndRegionsInOrder() throws Exception {
        User created = users.create(investigator("li.wei"), PASSWORD).get();
        assertThat(users.get("li.wei")).contains(created);
        assertThat(created.regions()).containsExactly(List.of("Changsha", "Yuelu"), List.of("Zhuzhou"));
        assertThat(created.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.INVESTIGATOR);
        assertThat(users.isEmpty()).isFalse();
    }

    @Test
    void storesOnlyAnArgon2idHashOfThePassword() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        assertThat(users.passwordHash("li.wei")).get().asString().startsWith("$argon2id$v=19$m=8,t=1,p=1$")
                .doesNotContain(PASSWORD);
    }

    @Test
    void refusesADuplicateNamingIt() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        assertThatThrownBy(() -> users.create(investigator("li.wei"), PASSWORD).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DuplicateUserException.class)
                .hasMessage("user li.wei exists already")
                .satisfies(e -> assertThat(((DuplicateUserException) e).username()).isEqualTo("li.wei"));
    }

    @Test
    void usernamesAreCaseSensitive() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        users.create(investigator("Li.Wei"), PASSWORD).get();
        assertThat(users.list(null, 10).items()).extracting(User::username).containsExactly("Li.Wei", "li.wei");
    }

    @Test
    void hashesOnTheCallersThreadNotTheWriterThread() throws Exception {
        // Each hash draws its salt: the thread drawing it is the thread hashing.
        List<String> saltThreads = new CopyOnWriteArrayList<>();
        SecureRandom recording = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                saltThreads.add(Thread.currentThread().getName());
                super.nextBytes(bytes);
            }
        };
        SqliteUserStore store = new SqliteUserStore(database, new PasswordHasher(PasswordHasherTest.CHEAP, recording),
                PasswordPolicy.DEFAULT);
        saltThreads.clear();
        store.create(investigator("li.wei"), PASSWORD).get();
        store.setPassword("li.wei", "a new and longer password").get();
        assertThat(saltThreads).containsOnly(Thread.currentThread().getName()).hasSize(2);
    }

    @Test
    void refusesAWeakPasswordBeforeQueueingAnything() {
        assertThatThrownBy(() -> users.create(investigator("li.wei"), "short"))
                .isInstanceOf(PasswordPolicyException.class);
        assertThat(users.isEmpty()).isTrue();
    }

    @Test
    void unknownOrMalformedNamesAreAbsent() {
        assertThat(users.get("nobody")).isEmpty();
        assertThat(users.get("not a name")).isEmpty();
        assertThat(users.get(null)).isEmpty();
    }

    @Test
    void pagesThroughUsersByNameCursor() throws Exception {
        for (int i = 0; i < 7; i++) {
            users.create(investigator("user" + i), PASSWORD).get();
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            UserPage page = users.list(cursor, 3);
            page.items().forEach(u -> seen.add(u.username()));
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("user0", "user1", "user2", "user3", "user4", "user5", "user6");
        assertThat(users.list("user3", 3).items().getFirst().username()).isEqualTo("user4");
        assertThat(users.list("user5", 2).next()).isEmpty();
    }

    @Test
    void exactlyFullLastPageHasNoNextCursor() throws Exception {
        for (int i = 0; i < 4; i++) {
            users.create(investigator("user" + i), PASSWORD).get();
        }
        assertThat(users.list(null, 2).next()).contains("user1");
        assertThat(users.list("user1", 2).next()).isEmpty();
        assertThat(users.list(null, 4).next()).isEmpty();
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> users.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.list(null, UserStore.MAX_PAGE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatesRolesRegionsAndDisabledSeparately() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        users.update("li.wei", UserChange.roles(Set.of(Role.AUDITOR))).get();
        users.update("li.wei", UserChange.regions(List.of())).get();
        User updated = users.update("li.wei", UserChange.disabled(true)).get();
        assertThat(updated).isEqualTo(new User("li.wei", Set.of(Role.AUDITOR), List.of(), T0, true));
        assertThat(users.get("li.wei")).contains(updated);
    }

    @Test
    void aBadChangeFailsAtOnceWithTheRule() {
        assertThatThrownBy(() -> UserChange.roles(Set.of())).hasMessage("a user needs at least one role");
        assertThatThrownBy(() -> UserChange.regions(List.of(List.of())))
                .hasMessage("a region is a path of 1 to 8 names: []");
    }

    @Test
    void updatingAnUnknownUserFails() {
        assertThatThrownBy(() -> users.update("nobody", UserChange.disabled(true)).get())
                .cause().isInstanceOf(UnknownUserException.class).hasMessage("no user nobody");
    }

    @Test
    void authenticatesTheRightPasswordOnly() throws Exception {
        User created = users.create(investigator("li.wei"), PASSWORD).get();
        assertThat(users.authenticate("li.wei", PASSWORD)).contains(created);
        assertThat(users.authenticate("li.wei", PASSWORD + "!")).isEmpty();
        assertThat(users.authenticate("nobody", PASSWORD)).isEmpty();
        assertThat(users.authenticate("not a name", PASSWORD)).isEmpty();
        assertThat(users.authenticate("li.wei", "x".repeat(10_000))).isEmpty();
    }

    @Test
    void disabledUserCannotAuthenticate() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        users.update("li.wei", UserChange.disabled(true)).get();
        assertThat(users.authenticate("li.wei", PASSWORD)).isEmpty();
        users.update("li.wei", UserChange.disabled(false)).get();
        assertThat(users.authenticate("li.wei", PASSWORD)).isPresent();
    }

    @Test
    void setPasswordReplacesTheOldOne() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        users.setPassword("li.wei", "a new and longer password").get();
        assertThat(users.authenticate("li.wei", PASSWORD)).isEmpty();
        assertThat(users.authenticate("li.wei", "a new and longer password")).isPresent();
        assertThatThrownBy(() -> users.setPassword("nobody", "a new and longer password").get())
                .cause().isInstanceOf(UnknownUserException.class);
        assertThatThrownBy(() -> users.setPassword("li.wei", "short")).isInstanceOf(PasswordPolicyException.class);
    }

    @Test
    void loginRehashesAPasswordHashedWithOldParameters() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        String old = users.passwordHash("li.wei").orElseThrow();
        Argon2idParameters stronger = new Argon2idParameters(16, 2, 1, 16, 32);
        SqliteUserStore upgraded = new SqliteUserStore(database, new PasswordHasher(stronger, new SecureRandom()),
                PasswordPolicy.DEFAULT);
        assertThat(upgraded.authenticate("li.wei", PASSWORD)).isPresent();
        // The rehash is queued after the login answers; an empty write behind it commits no earlier.
        database.submit(c -> null).get();
        String fresh = users.passwordHash("li.wei").orElseThrow();
        assertThat(fresh).isNotEqualTo(old).startsWith("$argon2id$v=19$m=16,t=2,p=1$");
        assertThat(upgraded.authenticate("li.wei", PASSWORD)).isPresent();
    }

    @Test
    void deletesAUser() throws Exception {
        users.create(investigator("li.wei"), PASSWORD).get();
        assertThat(users.delete("li.wei").get()).isTrue();
        assertThat(users.delete("li.wei").get()).isFalse();
        assertThat(users.get("li.wei")).isEmpty();
        assertThat(users.authenticate("li.wei", PASSWORD)).isEmpty();
        assertThat(users.isEmpty()).isTrue();
        // The name is free again, with no roles or regions left behind.
        users.create(User.of("li.wei", Set.of(Role.VIEWER), List.of(), T0), PASSWORD).get();
        assertThat(users.get("li.wei")).map(User::regions).contains(List.of());
        assertThat(users.get("li.wei")).map(User::roles).contains(Set.of(Role.VIEWER));
    }

    @Test
    void survivesAReopen() throws Exception {
        User created = users.create(investigator("li.wei"), PASSWORD).get();
        database.close();
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        users = new SqliteUserStore(database, new PasswordHasher(PasswordHasherTest.CHEAP, new SecureRandom()),
                PasswordPolicy.DEFAULT);
        assertThat(users.authenticate("li.wei", PASSWORD)).isEqualTo(Optional.of(created));
    }

    @Test
    void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
        List<CompletableFuture<User>> attempts = new ArrayList<>();
        try (var workers = Executors.newFixedThreadPool(4)) {
            List<Future<CompletableFuture<User>>> submitted = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                submitted.add(workers.submit(() -> users.create(investigator("li.wei"), PASSWORD)));
            }
            for (var f : submitted) {
                attempts.add(f.get());
            }
        }
        long won = attempts.stream().filter(f -> {
            try {
                f.get();
                return true;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DuplicateUserException.class);
                return false;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }).count();
        assertThat(won).isEqualTo(1);
        assertThat(users.list(null, 10).items()).hasSize(1);
    }
}
