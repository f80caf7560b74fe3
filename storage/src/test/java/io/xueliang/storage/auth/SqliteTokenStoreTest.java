package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SqliteTokenStoreTest {
    private static final Instant T0 = SqliteUserStoreTest.T0;

    @TempDir
    Path root;
    private final MutableClock clock = new MutableClock(T0);
    private EmbeddedDatabase database;
    private SqliteUserStore users;
    private SqliteTokenStore tokens;

    @BeforeEach
    void open() throws Exception {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        users = new SqliteUserStore(database, new PasswordHasher(PasswordHasherTest.CHEAP, new SecureRandom()),
                PasswordPolicy.DEFAULT);
        tokens = new SqliteTokenStore(database, clock, new SecureRandom(), Duration.ofMinutes(1));
        users.create(SqliteUserStoreTest.investigator("li.wei"), SqliteUserStoreTest.PASSWORD).get();
        users.create(User.of("zhang", Set.of(Role.AUDITOR), List.of(), T0), SqliteUserStoreTest.PASSWORD).get();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void sessionTokenIsPrefixedBase64urlOf32Bytes() throws Exception {
        IssuedToken issued = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        assertThat(issued.token()).matches("xls_[A-Za-z0-9_-]{43}");
        assertThat(issued.kind()).isEqualTo(TokenKind.SESSION);
        assertThat(issued.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(8)));
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(tokens.issueApiToken("li.wei", "alpr-bridge", null).get().token()).matches("xla_[A-Za-z0-9_-]{43}");
    }

    @Test
    void resolvesToThePrincipalWithCurrentRolesAndRegions() throws Exception {
        IssuedToken issued = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        Principal resolved = tokens.resolve(issued.token()).orElseThrow();
        assertThat(resolved.userId()).matches("[0-9a-f]{32}");
        assertThat(resolved).isEqualTo(new Principal("li.wei", resolved.userId(),
                Set.of(Role.INVESTIGATOR, Role.VIEWER), List.of(List.of("Changsha", "Yuelu"), List.of("Zhuzhou")),
                issued.id(), TokenKind.SESSION));
        users.update("li.wei", UserChange.roles(Set.of(Role.VIEWER))).get();
        assertThat(tokens.resolve(issued.token())).get().extracting(Principal::roles).isEqualTo(Set.of(Role.VIEWER));
    }

    @Test
    void aUserCreatedAgainUnderTheSameNameIsAnotherAccount() throws Exception {
        String before = tokens.resolve(tokens.issueSession("li.wei", Duration.ofHours(8)).get().token()).orElseThrow()
                .userId();
        users.delete("li.wei").get();
        users.create(User.of("li.wei", Set.of(Role.VIEWER), List.of(), T0), "another-long-password").get();
        String after = tokens.resolve(tokens.issueSession("li.wei", Duration.ofHours(8)).get().token()).orElseThrow()
                .userId();
        assertThat(after).matches("[0-9a-f]{32}").isNotEqualTo(before);
    }

    @Test
    void aLimitedApiTokenActsWithTheRolesItNamesThatTheUserStillHas() throws Exception {
        IssuedToken limited = tokens.issueApiToken("li.wei", "viewer-wall", Set.of(Role.VIEWER), null).get();
        IssuedToken full = tokens.issueApiToken("li.wei", "bridge", null).get();
        assertThat(tokens.resolve(limited.token())).get().extracting(Principal::roles).isEqualTo(Set.of(Role.VIEWER));
        assertThat(tokens.resolve(full.token())).get().extracting(Principal::roles)
                .isEqualTo(Set.of(Role.INVESTIGATOR, Role.VIEWER));
        assertThat(tokens.listApiTokens("li.wei")).extracting(ApiTokenInfo::roles)
                .containsExactly(Set.of(Role.VIEWER), Set.of());

        users.update("li.wei", UserChange.roles(Set.of(Role.INVESTIGATOR))).get();
        assertThat(tokens.resolve(limited.token())).get().extracting(Principal::roles).isEqualTo(Set.of());
        assertThat(tokens.resolve(full.token())).get().extracting(Principal::roles)
                .isEqualTo(Set.of(Role.INVESTIGATOR));
    }

    @Test
    void aUserHoldsAtMostTheLimitOfLiveApiTokens() throws Exception {
        IssuedToken first = null;
        for (int i = 0; i < TokenStore.MAX_API_TOKENS_PER_USER; i++) {
            IssuedToken t = tokens.issueApiToken("li.wei", "t" + i, null).get();
            first = first == null ? t : first;
        }
        assertThatThrownBy(() -> tokens.issueApiToken("li.wei", "one-more", null).get())
                .hasCauseInstanceOf(TokenLimitException.class);
        assertThat(tokens.issueApiToken("zhang", "other-user", null).get().token()).startsWith("xla_");
        assertThat(tokens.issueSession("li.wei", Duration.ofHours(1)).get().token()).startsWith("xls_");
        tokens.revokeApiToken("li.wei", first.id()).get();
        assertThat(tokens.issueApiToken("li.wei", "after-revoke", null).get().token()).startsWith("xla_");
    }

    @Test
    void onlyTheOwnerRevokesAnApiTokenById() throws Exception {
        IssuedToken api = tokens.issueApiToken("li.wei", "bridge", null).get();
        IssuedToken session = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        assertThat(tokens.revokeApiToken("zhang", api.id()).get()).isFalse();
        assertThat(tokens.revokeApiToken("li.wei", session.id()).get()).isFalse();
        assertThat(tokens.resolve(api.token())).isPresent();
        assertThat(tokens.revokeApiToken("li.wei", api.id()).get()).isTrue();
        assertThat(tokens.revokeApiToken("li.wei", api.id()).get()).isFalse();
        assertThat(tokens.resolve(api.token())).isEmpty();
        assertThat(tokens.resolve(session.token())).isPresent();
    }

    @Test
    void storesOnlyTheSha256OfTheToken() throws Exception {
        IssuedToken session = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        IssuedToken api = tokens.issueApiToken("li.wei", "alpr-bridge", null).get();
        database.close();
        StringBuilder everything = new StringBuilder();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
                Statement st = raw.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM tokens")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    everything.append(rs.getString(i)).append('|');
                }
                everything.append('\n');
            }
        }
        String dump = everything.toString();
        for (IssuedToken issued : List.of(session, api)) {
            assertThat(dump).doesNotContain(issued.token()).doesNotContain(issued.token().substring(4))
                    .contains(SqliteTokenStore.sha256Hex(issued.token()));
        }
        // The whole file too (WAL checkpointed on close): no token bytes anywhere on disk.
        byte[] file = Files.readAllBytes(root.resolve(EmbeddedDatabase.FILE_NAME));
        String fileText = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(fileText).doesNotContain(session.token().substring(4)).doesNotContain(api.token().substring(4));
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
    }

    @Test
    void sessionExpiresAtItsTtl() throws Exception {
        IssuedToken issued = tokens.issueSession("li.wei", Duration.ofMinutes(30)).get();
        clock.advance(Duration.ofMinutes(30).minusNanos(1000));
        assertThat(tokens.resolve(issued.token())).isPresent();
        clock.advance(Duration.ofNanos(1000));
        assertThat(tokens.resolve(issued.token())).isEmpty();
    }

    @Test
    void apiTokenWithoutExpiryLastsAndOneWithExpiryEnds() throws Exception {
        IssuedToken forever = tokens.issueApiToken("li.wei", "forever", null).get();
        IssuedToken week = tokens.issueApiToken("li.wei", "week", T0.plus(Duration.ofDays(7))).get();
        clock.advance(Duration.ofDays(8));
        assertThat(tokens.resolve(forever.token())).get().extracting(Principal::kind).isEqualTo(TokenKind.API);
        assertThat(tokens.resolve(week.token())).isEmpty();
    }

    @Test
    void revokedTokenStopsResolvingAndOthersGoOn() throws Exception {
        IssuedToken a = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        IssuedToken b = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        assertThat(tokens.revoke(a.id()).get()).isTrue();
        assertThat(tokens.revoke(a.id()).get()).isFalse();
        assertThat(tokens.resolve(a.token())).isEmpty();
        assertThat(tokens.resolve(b.token())).isPresent();
    }

    @Test
    void revokeAllForEndsEveryTokenOfThatUserOnly() throws Exception {
        IssuedToken session = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        IssuedToken api = tokens.issueApiToken("li.wei", "alpr-bridge", null).get();
        IssuedToken other = tokens.issueSession("zhang", Duration.ofHours(8)).get();
        assertThat(tokens.revokeAllFor("li.wei").get()).isEqualTo(2);
        assertThat(tokens.resolve(session.token())).isEmpty();
        assertThat(tokens.resolve(api.token())).isEmpty();
        assertThat(tokens.resolve(other.token())).isPresent();
        assertThat(tokens.listApiTokens("li.wei")).isEmpty();
    }

    @Test
    void disabledUsersTokensStopResolvingAndComeBackWhenEnabled() throws Exception {
        IssuedToken session = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        IssuedToken api = tokens.issueApiToken("li.wei", "alpr-bridge", null).get();
        users.update("li.wei", UserChange.disabled(true)).get();
        assertThat(tokens.resolve(session.token())).isEmpty();
        assertThat(tokens.resolve(api.token())).isEmpty();
        users.update("li.wei", UserChange.disabled(false)).get();
        assertThat(tokens.resolve(session.token())).isPresent();
    }

    @Test
    void deletedUsersTokensAreGone() throws Exception {
        IssuedToken session = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        users.delete("li.wei").get();
        assertThat(tokens.resolve(session.token())).isEmpty();
        // A new user of the same name does not inherit the old sessions.
        users.create(User.of("li.wei", Set.of(Role.ADMIN), List.of(), T0), SqliteUserStoreTest.PASSWORD).get();
        assertThat(tokens.resolve(session.token())).isEmpty();
    }

    @Test
    void issuingForAnUnknownUserFails() {
        assertThatThrownBy(() -> tokens.issueSession("nobody", Duration.ofHours(1)).get())
                .cause().isInstanceOf(UnknownUserException.class);
        assertThatThrownBy(() -> tokens.issueApiToken("li.wei", " ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issueSession("li.wei", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<String> notTokens() {
        return Stream.of(null, "", "xls_", "Bearer xls_AAAA", "xls_" + "A".repeat(42), "xls_" + "A".repeat(44),
                "xls_" + "A".repeat(42) + "=", "xlz_" + "A".repeat(43), "xls_" + "A".repeat(42) + "é",
                "x".repeat(100_000));
    }

    @ParameterizedTest
    @MethodSource("notTokens")
    void anythingNotTokenShapedResolvesToNothing(String token) {
        assertThat(tokens.resolve(token)).isEmpty();
    }

    @Test
    void aSessionTokenWithTheApiPrefixDoesNotResolve() throws Exception {
        IssuedToken session = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        assertThat(tokens.resolve("xla_" + session.token().substring(4))).isEmpty();
        assertThat(tokens.resolve("xls_" + "A".repeat(43))).isEmpty();
    }

    @Test
    void listsApiTokensWithoutTheSecretAndRecordsLastUseToTheMinute() throws Exception {
        tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        IssuedToken a = tokens.issueApiToken("li.wei", "alpr-bridge", null).get();
        clock.advance(Duration.ofSeconds(10));
        IssuedToken b = tokens.issueApiToken("li.wei", "export-job", T0.plus(Duration.ofDays(30))).get();
        assertThat(tokens.listApiTokens("li.wei")).containsExactly(
                new ApiTokenInfo(a.id(), "alpr-bridge", Set.of(), T0, null, null),
                new ApiTokenInfo(b.id(), "export-job", Set.of(), T0.plusSeconds(10), null, T0.plus(Duration.ofDays(30))));
        assertThat(tokens.listApiTokens("zhang")).isEmpty();

        Instant firstUse = clock.instant();
        tokens.resolve(a.token());
        database.submit(c -> null).get();
        assertThat(tokens.listApiTokens("li.wei").getFirst().lastUsedAt()).isEqualTo(firstUse);
        clock.advance(Duration.ofSeconds(30));
        tokens.resolve(a.token());
        database.submit(c -> null).get();
        assertThat(tokens.listApiTokens("li.wei").getFirst().lastUsedAt()).isEqualTo(firstUse);
        clock.advance(Duration.ofSeconds(30));
        tokens.resolve(a.token());
        database.submit(c -> null).get();
        assertThat(tokens.listApiTokens("li.wei").getFirst().lastUsedAt()).isEqualTo(firstUse.plusSeconds(60));
    }

    @Test
    void purgeDeletesOnlyExpiredAndRevokedTokens() throws Exception {
        IssuedToken expired = tokens.issueSession("li.wei", Duration.ofMinutes(10)).get();
        IssuedToken revoked = tokens.issueApiToken("li.wei", "old", null).get();
        IssuedToken live = tokens.issueSession("li.wei", Duration.ofHours(8)).get();
        IssuedToken forever = tokens.issueApiToken("zhang", "forever", null).get();
        tokens.revoke(revoked.id()).get();
        clock.advance(Duration.ofMinutes(10));
        assertThat(tokens.purgeDead().get()).isEqualTo(2);
        assertThat(tokens.purgeDead().get()).isZero();
        assertThat(tokens.resolve(live.token())).isPresent();
        assertThat(tokens.resolve(forever.token())).isPresent();
        assertThat(tokens.resolve(expired.token())).isEmpty();
        assertThat(tokens.revoke(expired.id()).get()).isFalse();
    }
}
