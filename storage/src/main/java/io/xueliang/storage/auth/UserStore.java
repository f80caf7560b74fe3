package io.xueliang.storage.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Users for the API. Queries block (call them on a worker thread); commands return a future that completes once the
 * change is committed. Methods that take a password hash it on the calling thread before anything is queued, so the
 * store's single writer thread never spends Argon2's milliseconds: call those on a worker thread too.
 */
public interface UserStore {
    /** Largest page {@link #list} returns: a limit on what one request can make the store load. */
    int MAX_PAGE = 1000;

    /**
     * Creates {@code user} (as given: its createdAt and disabled flag are stored) with {@code password}.
     *
     * @throws PasswordPolicyException at once, when the password breaks the policy
     * @return a future failing with {@link DuplicateUserException} when the name is taken
     */
    CompletableFuture<User> create(User user, String password);

    Optional<User> get(String username);

    /**
     * Users in username order after {@code afterUsername} (null: from the start), at most {@code limit} (1 to
     * {@link #MAX_PAGE}).
     */
    UserPage list(String afterUsername, int limit);

    /** Whether there is any user at all (first start). */
    boolean isEmpty();

    /** Applies {@code change}; the future fails with {@link UnknownUserException} when there is no such user. */
    CompletableFuture<User> update(String username, UserChange change);

    /**
     * Replaces the password. Sessions and tokens stay valid: revoke them with {@link TokenStore#revokeAllFor} when the
     * change is because of a leak.
     *
     * @throws PasswordPolicyException at once, when the password breaks the policy
     * @return a future failing with {@link UnknownUserException} when there is no such user
     */
    CompletableFuture<Void> setPassword(String username, String password);

    /** Deletes the user with their tokens; the future yields whether there was such a user. */
    CompletableFuture<Boolean> delete(String username);

    /**
     * The user when {@code password} is theirs and they are not disabled. Takes about one hash whether or not the user
     * exists, so the time taken does not tell which names exist. Blocks for the hash: call on a worker thread.
     */
    Optional<User> authenticate(String username, String password);
}
