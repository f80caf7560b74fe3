package io.xueliang.storage.auth;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The first administrator (DESIGN.md §5): on a start with no users, {@value #USERNAME} with the admin role and the
 * password from {@value #PASSWORD_VARIABLE} when set, else a random one for the caller to print once. This class
 * never logs the password.
 */
public final class AdminBootstrap {
    public static final String USERNAME = "admin";
    public static final String PASSWORD_VARIABLE = "XUELIANG_ADMIN_PASSWORD";
    /** 18 random bytes: 144 bits, 24 base64url characters, within every length policy up to 24. */
    private static final int RANDOM_PASSWORD_BYTES = 18;

    /**
     * The admin just created.
     *
     * @param username {@value #USERNAME}
     * @param password the password; the caller prints it once when {@code generated}
     * @param generated true when random, false when it came from the environment (print nothing then)
     */
    public record Created(String username, String password, boolean generated) {
        @Override
        public String toString() {
            return "Created[username=" + username + ", generated=" + generated + "]";
        }
    }

    private AdminBootstrap() {
    }

    /**
     * Creates the admin when there are no users; empty when there were (then nothing changes, even if the variable is
     * set). Blocks for one hash and one commit: call at start, off any event loop.
     *
     * @param passwordFromEnv {@value #PASSWORD_VARIABLE}'s value, if set
     * @throws PasswordPolicyException when the variable's password breaks the policy, before anything is created
     */
    public static Optional<Created> ensureAdmin(UserStore users, Optional<String> passwordFromEnv, InstantSource clock,
            SecureRandom random) {
        if (!users.isEmpty()) {
            return Optional.empty();
        }
        boolean generated = passwordFromEnv.isEmpty();
        String password = passwordFromEnv.orElseGet(() -> {
            byte[] bytes = new byte[RANDOM_PASSWORD_BYTES];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
        User admin = User.of(USERNAME, Set.of(Role.ADMIN), List.of(), clock.instant());
        try {
            users.create(admin, password).get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof DuplicateUserException) {
                // Another start created it between the check and the write: it is there, which is all we want.
                return Optional.empty();
            }
            throw new IllegalStateException("creating the first admin failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the first admin", e);
        }
        return Optional.of(new Created(USERNAME, password, generated));
    }
}
