package io.xueliang.storage.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Opaque bearer tokens: login sessions and API tokens. A token is a kind prefix and 32 random bytes in base64url; the
 * store keeps only its SHA-256, so a copy of the database holds no usable token. Queries block (worker thread);
 * commands return futures that complete once committed.
 */
public interface TokenStore {
    /** Longest API token name: bounded like every size a request can set. */
    int MAX_NAME_LENGTH = 128;
    /** Most live (not revoked) API tokens one user may hold: bounds the table and every token list. */
    int MAX_API_TOKENS_PER_USER = 100;

    /** A session for {@code username} expiring {@code ttl} from now; fails with {@link UnknownUserException}. */
    CompletableFuture<IssuedToken> issueSession(String username, Duration ttl);

    /**
     * A named API token for {@code username}, acting with at most {@code roles} of the user's roles (empty = all of
     * them, as they are at each use), expiring at {@code expiresAt} (null = never); fails with
     * {@link UnknownUserException}, or {@link TokenLimitException} when the user already holds
     * {@link #MAX_API_TOKENS_PER_USER} live API tokens.
     */
    CompletableFuture<IssuedToken> issueApiToken(String username, String name, Set<Role> roles, Instant expiresAt);

    /** {@link #issueApiToken(String, String, Set, Instant)} with every role of the user. */
    default CompletableFuture<IssuedToken> issueApiToken(String username, String name, Instant expiresAt) {
        return issueApiToken(username, name, Set.of(), expiresAt);
    }

    /**
     * The principal of a token that exists, is not revoked, has not expired and whose user is not disabled; else
     * empty (also for anything that is not token-shaped). Blocks: call on a worker thread.
     */
    Optional<Principal> resolve(String token);

    /**
     * The principal of the token with id {@code tokenId}, on the same terms as {@link #resolve}: for credentials that
     * stand for a token without being it (a media ticket). Blocks: call on a worker thread.
     */
    Optional<Principal> resolveId(long tokenId);

    /** Revokes one token; the future yields whether it existed and was not yet revoked. */
    CompletableFuture<Boolean> revoke(long tokenId);

    /**
     * Revokes one of {@code username}'s API tokens; the future yields false when the user has no such live API token
     * (someone else's token, a session, or one revoked before), so nobody can revoke another user's token by id.
     */
    CompletableFuture<Boolean> revokeApiToken(String username, long tokenId);

    /**
     * Revokes every session of {@code username} but {@code keepTokenId} (the one changing the password); API tokens
     * stay. The future yields how many.
     */
    CompletableFuture<Integer> revokeSessionsExcept(String username, long keepTokenId);

    /** Revokes every session and API token of {@code username}; the future yields how many. */
    CompletableFuture<Integer> revokeAllFor(String username);

    /**
     * Deletes the rows of tokens that can never resolve again (expired before now, or revoked), so sessions do not
     * pile up; the future yields how many. Run it now and then (at start, daily).
     */
    CompletableFuture<Integer> purgeDead();

    /** The user's API tokens that are not revoked (expired ones included, so the user sees them), oldest first. */
    List<ApiTokenInfo> listApiTokens(String username);
}
